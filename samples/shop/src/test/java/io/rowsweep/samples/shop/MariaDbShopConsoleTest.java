package io.rowsweep.samples.shop;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class MariaDbShopConsoleTest extends ShopConsoleTest {

    /** Skips the class (before the application starts) where no MariaDB server can be had. */
    @BeforeAll
    static void requireServer() {
        TestDatabases.require(DatabaseKind.MARIADB);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        db = ShopDatabase.create(DatabaseKind.MARIADB, registry);
    }
}
