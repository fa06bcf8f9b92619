package io.rowsweep.samples.shop;

import io.rowsweep.spring.RowSweepJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.rowsweep.spring.JobParameter.integer;
import static io.rowsweep.spring.JobParameters.params;

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
     * Books {@code units} more units (one unless the start says otherwise) into every product's
     * stock, a delivery of that many of each: a change that must happen exactly once per row, which
     * rowsweep guarantees even across a crash and a restart. The units are part of the update: an
     * unfinished restock resumes only with the units it was started with.
     */
    @Bean
    RowSweepJob restock() {
        return RowSweepJob.update("restock", params(integer("units").defaultValue(1).description("units delivered of each product")),
                (u, p) -> u.table("product").fix(row -> row.set("stock", row.getInt("stock") + p.getInt("units"))));
    }
}
