package io.rowsweep.bench;

import io.rowsweep.RowSweep;
import io.rowsweep.core.RunStatus;
import io.rowsweep.demo.SeedSchema;
import io.rowsweep.validation.ValidationSummary;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * rowsweep's validate job as a user runs it: {@code RowSweep.validate(ds).entities(...)} on the
 * seed's entity classes, default settings (chunks adapting to 1 s, one queue over all tables,
 * largest first, a checkpoint per chunk), violations written to a temporary JSON Lines file.
 */
public final class RowsweepContender implements Contender {

    public static final String NAME = "rowsweep";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "rowsweep validate (default settings) with the seed's entity classes: Hibernate Validator on every row, key-range"
                + " chunks of all tables in one queue, a checkpoint per chunk";
    }

    @Override
    public ContenderResult run(DataSource dataSource, int workers) {
        Path violations;
        try {
            violations = Files.createTempFile("rowsweep-bench-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ValidationSummary summary = RowSweep.validate(dataSource).entities(SeedSchema.entityClasses().toArray(new Class<?>[0]))
                .violationsTo(violations).workers(workers).restart(true).job("bench-validate").run();
        violations.toFile().delete();
        if (summary.run().status() != RunStatus.DONE) {
            throw new IllegalStateException("rowsweep run ended " + summary.run().status() + ": " + summary.run().failures());
        }
        return new ContenderResult(summary.rowsChecked(), summary.invalidRows());
    }
}
