package io.rowsweep.samples.shop;

import io.rowsweep.spring.RowSweepJob;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shop's rowsweep jobs: start and watch them in the console at {@code /rowsweep}, or with
 * {@code POST /actuator/rowsweep/{job}/start} and {@code GET /actuator/rowsweep}.
 */
@Configuration(proxyBeanMethods = false)
public class ShopJobs {

    /** Checks every customer, product and order against the entities' Bean Validation constraints. */
    @Bean
    RowSweepJob validateShop() {
        return RowSweepJob.validate("validate-shop");
    }

    /**
     * Books one more unit into every product's stock (a delivery of one of each): a change that
     * must happen exactly once per row, which rowsweep guarantees even across a crash and a restart.
     */
    @Bean
    RowSweepJob restock() {
        return RowSweepJob.update("restock", u -> u.table("product").fix(row -> row.set("stock", row.getInt("stock") + 1)));
    }
}
