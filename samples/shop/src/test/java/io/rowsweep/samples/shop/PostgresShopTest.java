package io.rowsweep.samples.shop;

import io.rowsweep.testkit.DatabaseKind;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresShopTest extends ShopApplicationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }
}
