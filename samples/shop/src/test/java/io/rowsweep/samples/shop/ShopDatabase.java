package io.rowsweep.samples.shop;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;

import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh schema (MariaDB: database) for one test class's application, and the shop's rows in it. */
final class ShopDatabase {

    static final int CUSTOMERS = 2_000;
    static final int PRODUCTS = 3_000;
    static final int ORDERS = 4_000;

    private ShopDatabase() {
    }

    /** A new schema, given to the application as its DataSource; Hibernate creates the tables. */
    static TestSchema create(DatabaseKind kind, DynamicPropertyRegistry registry) {
        TestSchema db = TestDatabases.newSchema(kind);
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.jpa.hibernate.ddl-auto", () -> "create");
        return db;
    }

    /** The shop's rows, some of them invalid: blank names, bad e-mail addresses, unknown order states. */
    static void fill(TestSchema db) {
        db.execute("INSERT INTO customer (id, name, email, loyalty_points) SELECT g.i,"
                        + " CASE WHEN MOD(g.i, 50) = 0 THEN ' ' ELSE CONCAT('customer ', g.i) END,"
                        + " CASE WHEN MOD(g.i, 70) = 0 THEN 'not-an-address' ELSE CONCAT('c', g.i, '@example.com') END, MOD(g.i, 5)"
                        + " FROM " + db.series(CUSTOMERS),
                "INSERT INTO product (id, name, unit_price, stock) SELECT g.i,"
                        + " CASE WHEN MOD(g.i, 40) = 0 THEN '' ELSE CONCAT('product ', g.i) END, g.i * 0.25, MOD(g.i, 7)"
                        + " FROM " + db.series(PRODUCTS),
                "INSERT INTO purchase_order (id, customer_id, ordered_on, status) SELECT g.i, MOD(g.i, " + CUSTOMERS + ") + 1,"
                        + " DATE '2026-01-01', CASE WHEN MOD(g.i, 90) = 0 THEN 'LOST' ELSE 'PAID' END"
                        + " FROM " + db.series(ORDERS));
    }
}
