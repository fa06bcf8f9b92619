package io.rowsweep.core.internal.exec;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.TableResolver;
import io.rowsweep.core.internal.state.TableTarget;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's tables resolved and its tasks prepared, with what the job state and the run's summary
 * say of each task; read from the database only, before the run is admitted.
 */
final class PreparedTasks {

    private final List<SweepTask<Object>> tasks = new ArrayList<>();
    /** Per table label, the table resolved: what the job's identity is computed from. */
    private final Map<String, Table> tables = new LinkedHashMap<>();
    /** Per task, the table it works on, as the job state records it; {@link RunAdmission} renames entries for a resumed run. */
    private final Map<String, TableTarget> targets = new LinkedHashMap<>();
    /** Per task, its chunk key as the summary describes it; renamed with {@link #targets}. */
    private final Map<String, String> keyDescriptions = new LinkedHashMap<>();

    private PreparedTasks() {
    }

    /**
     * Resolves the tables of {@code job} on {@code c} and prepares their tasks, refusing a table
     * listed twice.
     *
     * @param countWithoutStatistics whether a table without statistics is counted for its estimate
     */
    static PreparedTasks prepare(Connection c, Dialect dialect, SweepJob<Object> job, boolean countWithoutStatistics)
            throws SQLException {
        if (job.tables().isEmpty()) {
            throw RowSweepException.usage("No tables to process: name at least one table.");
        }
        PreparedTasks p = new PreparedTasks();
        TableResolver resolver = new TableResolver(c, dialect, countWithoutStatistics);
        Set<String> seenTables = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String label : job.tables()) {
            Table known = job.resolved(label);
            Table table = known != null ? known : resolver.resolve(label);
            String ref = dialect.qualify(table.namespace(), table.name());
            if (!seenTables.add(ref)) {
                throw RowSweepException.usage("Table '" + label + "' is listed twice; list each table once.");
            }
            p.tables.put(label, table);
            String identity = dialect.tableIdentity(c, table.namespace(), table.name());
            for (SweepTask<Object> t : job.prepare(table, c, dialect)) {
                if (!names.add(t.name())) {
                    throw new IllegalStateException("two tasks named " + t.name());
                }
                p.tasks.add(t);
                p.keyDescriptions.put(t.name(), t.chunkKey() == null ? "whole table" : t.chunkKey().describe());
                p.targets.put(t.name(), new TableTarget(ref, identity, t.locksRows()));
            }
        }
        return p;
    }

    /** The tasks, as the job prepared them. */
    List<SweepTask<Object>> tasks() {
        return tasks;
    }

    /** The hash of what {@code job} does to these tables: a run with another hash is another job. */
    String identityHash(SweepJob<Object> job, Dialect dialect) {
        return JobIdentity.hash(job.kind(), job.identity(dialect, tables::get));
    }

    Map<String, TableTarget> targets() {
        return targets;
    }

    Map<String, String> keyDescriptions() {
        return keyDescriptions;
    }
}
