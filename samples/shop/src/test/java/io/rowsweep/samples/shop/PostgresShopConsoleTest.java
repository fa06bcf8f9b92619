package io.rowsweep.samples.shop;

import io.rowsweep.testkit.DatabaseKind;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresShopConsoleTest extends ShopConsoleTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.POSTGRES, registry);
    }
}
