package io.rowsweep.update.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.JsonText;
import io.rowsweep.core.internal.exec.Errors;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.ChunkProcessor;
import io.rowsweep.core.spi.job.ChunkSink;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Column;
import io.rowsweep.core.spi.schema.KeyKind;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.update.RowChange;
import io.rowsweep.update.spi.RowFix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The update job the engine runs: in SQL mode one {@code UPDATE} per chunk, in Java mode a
 * {@link RowFix} over each chunk's locked rows. Each chunk's writes commit together with its
 * checkpoint, so a crash and a re-run never apply a chunk twice. Everything is checked against
 * the real table before anything is written.
 */
public final class UpdateJob implements SweepJob<List<RowChange>> {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateJob.class);
    private static final int MAX_COLUMNS_LISTED = 30;

    private final String table;
    private final String set;
    private final String where;
    private final Supplier<RowFix> fixes;
    private final String fixName;
    private final String fixClasspath;
    private final ClassLoader fixClassLoader;
    private final boolean dryRun;
    private final boolean again;
    private final int sampleSize;
    private final List<RowChange> samples = Collections.synchronizedList(new ArrayList<>());
    /** What each chunk will do, logged once the run starts: a command refused after preparing (say, for its job name) logs nothing. */
    private volatile String plan;

    /** Closed after the run: the class loader of a fix this job loaded itself. */
    private AutoCloseable owned;

    private UpdateJob(String table, String set, String where, Supplier<RowFix> fixes, String fixName, String fixClasspath,
                      ClassLoader fixClassLoader, boolean dryRun, boolean again, int sampleSize) {
        this.table = table;
        this.set = set;
        this.where = where;
        this.fixes = fixes;
        this.fixName = fixName;
        this.fixClasspath = fixClasspath;
        this.fixClassLoader = fixClassLoader;
        this.dryRun = dryRun;
        this.again = again;
        this.sampleSize = sampleSize;
    }

    /**
     * SQL mode: {@code UPDATE table SET set WHERE (where) AND <chunk range>}; {@code where} may be null.
     *
     * @param again whether to run it once more if it completed (see {@link SweepJob#again()})
     */
    public static UpdateJob sql(String table, String set, String where, boolean dryRun, boolean again) {
        return new UpdateJob(table, set, where, null, null, null, null, dryRun, again, 0);
    }

    /**
     * Java mode.
     *
     * @param fixes       one fix per worker (may return the same thread-safe instance each time)
     * @param fixName     identifies the fix in the job's spec and in messages (its class name)
     * @param classpath   where the fix class was loaded from (part of the spec, so other processes load it alike), or null
     * @param classLoader the context class loader while the fix runs
     * @param again       whether to run it once more if it completed (see {@link SweepJob#again()})
     * @param sampleSize  dry run: how many changes to keep as samples
     */
    public static UpdateJob fix(String table, Supplier<RowFix> fixes, String fixName, String classpath, ClassLoader classLoader,
                                String where, boolean dryRun, boolean again, int sampleSize) {
        return new UpdateJob(table, null, where, fixes, fixName, classpath, classLoader, dryRun, again, sampleSize);
    }

    /** Java mode, with a fix loaded by {@code loader}, which the job closes after its run. */
    static UpdateJob fix(String table, FixLoader loader, String classpath, String where, boolean dryRun, int sampleSize) {
        UpdateJob job = fix(table, loader.instances(), loader.className(), classpath, loader.classLoader(), where, dryRun, false,
                sampleSize);
        job.owned = loader;
        return job;
    }

    @Override
    public String kind() {
        return "update";
    }

    /** Canonical JSON: table, the SQL or the fix class (and its class path), where, and whether it is a dry run; not how fast it runs. */
    @Override
    public String spec() {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.put("table", table);
        if (set != null) {
            spec.put("set", set);
        } else {
            spec.put("fix", fixName);
            if (fixClasspath != null) {
                spec.put("classpath", fixClasspath);
            }
        }
        if (where != null) {
            spec.put("where", where);
        }
        if (dryRun) {
            spec.put("dryRun", true);
        }
        return JsonText.of(spec);
    }

    /**
     * What the update does to which table: the table resolved ({@code "public"."t"} however it
     * was named), the SQL in its {@link CanonicalSql canonical spelling} or the fix class, the
     * where, and whether it is a dry run.
     */
    @Override
    public String identity(Dialect dialect, Function<String, Table> resolved) {
        Table t = resolved.apply(table);
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        identity.put("table", dialect.qualify(t.namespace(), t.name()));
        if (set != null) {
            identity.put("set", CanonicalSql.of(set));
        } else {
            identity.put("fix", fixName);
        }
        if (where != null) {
            identity.put("where", CanonicalSql.of(where));
        }
        if (dryRun) {
            identity.put("dryRun", true);
        }
        return JsonText.of(identity);
    }

    @Override
    public List<String> tables() {
        return List.of(table);
    }

    /** A dry run changes nothing, so running it again after it completed is harmless; a real update is not repeated. */
    @Override
    public boolean rerunsWhenFinished() {
        return dryRun;
    }

    @Override
    public boolean again() {
        return again;
    }

    @Override
    public List<SweepTask<List<RowChange>>> prepare(Table t, Connection c, Dialect dialect) throws SQLException {
        if (t.key().kind() == KeyKind.ROW_LOCATOR) {
            throw RowSweepException.configuration("Table '" + t.label() + "' has no primary key and no unique index on NOT NULL"
                    + " columns. Updating it by physical row position is unsafe (an updated row moves, so it could be updated"
                    + " twice or missed). Add a primary key to '" + t.label() + "' and run the update again.");
        }
        UpdateSql sql = new UpdateSql(dialect, t.namespace(), t.name(), t.key());
        if (where != null) {
            check(c, dialect, t, sql.checkWhere(where), "--where", where);
        }
        Supplier<ChunkProcessor<List<RowChange>>> processors;
        if (set != null) {
            checkKeyUnchanged(t);
            check(c, dialect, t, sql.checkSet(set), "--set", set);
            plan = "update " + t.label() + ": " + (dryRun ? "dry run, counting rows of " : "") + sql.update(set, where, "<chunk range>")
                    + " per chunk";
            processors = () -> new SqlChunkUpdate(sql, set, where, dryRun);
        } else {
            FixTarget target = FixTarget.of(t, sql, dialect::quote, where, dryRun, sampleSize, fixName, fixClassLoader);
            plan = "update " + t.label() + ": fix " + fixName + " on each row" + (where == null ? "" : " where " + where)
                    + (dryRun ? " (dry run: nothing is written)" : "");
            processors = () -> new FixChunkUpdate(target, fixes.get());
        }
        // A fix's chunk keeps its changes until its rows have streamed (holds rows); SQL updates keep nothing.
        return List.of(new SweepTask<>(t.label(), t, t.key(), t.estimatedRows(), processors, !dryRun, set == null && !dryRun));
    }

    private void checkKeyUnchanged(Table t) {
        for (String assigned : SetClause.assignedColumns(set)) {
            for (String key : t.key().names()) {
                if (key.equalsIgnoreCase(assigned)) {
                    throw RowSweepException.configuration("--set \"" + set + "\" changes '" + key + "', which is part of the "
                            + t.key().describe() + " of '" + t.label() + "' that the update is chunked by: a row whose key changes"
                            + " can move into a chunk not yet processed and be updated twice. Change key columns with a plain UPDATE.");
                }
            }
        }
    }

    /**
     * Runs a statement that touches no row, so the database checks the user's SQL against the
     * table (columns, types, syntax) before anything is written. The engine rolls the
     * preparation's transaction back.
     */
    private static void check(Connection c, Dialect dialect, Table t, String statement, String flag, String userSql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            if (Errors.isTransient(dialect, e)) {
                throw e;
            }
            throw new RowSweepException(ErrorCode.CONFIGURATION, flag + " \"" + userSql + "\" does not work on table '"
                    + t.label() + "': " + Errors.describe(e) + ". Fix " + flag + "; the columns of '" + t.label() + "' are: "
                    + columnList(t) + ".", e);
        }
    }

    private static String columnList(Table t) {
        List<Column> columns = t.columns();
        String listed = columns.stream().limit(MAX_COLUMNS_LISTED).map(Column::name).collect(Collectors.joining(", "));
        return columns.size() > MAX_COLUMNS_LISTED ? listed + String.format(Locale.ROOT, " (and %d more)", columns.size() - MAX_COLUMNS_LISTED)
                : listed;
    }

    @Override
    public void beforeRun(boolean resumed, long publishedUpTo) {
        if (plan != null) {
            LOG.info(plan);
        }
    }

    /** A dry run's samples: kept only once their chunk committed, so a retried chunk adds none twice. */
    @Override
    public ChunkSink<List<RowChange>> sink() {
        return (chunk, changes) -> changes == null ? ChunkSink.Appended.NOTHING : ChunkSink.Appended.whenCommitted(() -> {
            synchronized (samples) {
                for (RowChange change : changes) {
                    if (samples.size() >= sampleSize) {
                        break;
                    }
                    samples.add(change);
                }
            }
        });
    }

    @Override
    public void afterRun() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", fixName, e.toString());
            }
        }
    }

    /** A dry run's samples, in the order their chunks committed. */
    public List<RowChange> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
