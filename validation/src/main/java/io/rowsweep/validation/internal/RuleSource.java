package io.rowsweep.validation.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Where a validate job's rules come from: entity classes ({@link EntityRules}) or a rules file ({@link FileRules}). */
public interface RuleSource {
    /** Canonical JSON of the rules, part of the spec. */
    ObjectNode spec();

    /** The row check of a table (null when only set-based rules apply) plus its set-based checks. */
    List<SweepTask<Spool>> prepare(Table table, Connection connection, Dialect dialect, ValidateJob job) throws SQLException;

    /**
     * Finishes what {@link #prepare} left to a background start, before any row is checked;
     * configuration problems found then throw as in prepare.
     */
    default void ready() {
    }
}
