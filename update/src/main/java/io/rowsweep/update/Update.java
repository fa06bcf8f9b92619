package io.rowsweep.update;

import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepOptions;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.DistributedExecutor;
import io.rowsweep.core.internal.exec.ParameterizedJob;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.update.internal.FixLoader;
import io.rowsweep.update.internal.UpdateJob;
import io.rowsweep.update.spi.RowFix;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Updates every row of a table that needs it, in parallel key-range chunks, each chunk one short
 * transaction whose writes commit together with its checkpoint: a crash, {@code kill -9} or
 * Ctrl-C followed by running the same update again never applies a chunk twice and never skips
 * one, even for a non-idempotent change such as {@code counter = counter + 1}.
 *
 * <pre>{@code
 * UpdateSummary summary = Update.of(dataSource)
 *         .table("invoices")
 *         .set("service_fee_amount = amount * 0.1")
 *         .where("service_fee = 1")
 *         .workers(2)
 *         .job("fix-fees")
 *         .run();
 * }</pre>
 *
 * <p>Two modes: SQL ({@link #set} and optionally {@link #where}; per chunk
 * {@code UPDATE t SET <set> WHERE (<where>) AND <key range>}) and Java ({@link #fix(RowFix)}: a
 * {@link RowFix} sees each row, locked for its chunk, and says what to change). {@code set} and
 * {@code where} are trusted SQL, run as written, exactly as if typed into a SQL console; the
 * identifiers rowsweep generates (table, key columns) are always quoted.
 *
 * <p>An {@code Update} is immutable: each method returns a changed copy and checks its argument at
 * once; {@link #run()} checks that the settings fit together and, before anything is written, that
 * the table, its key and the SQL work. The table needs a primary key or a unique index on NOT NULL
 * columns, and the update must not change it.
 *
 * <p>An update is applied once. Its identity is what it does to which table: the table as resolved
 * ({@code t} and {@code public.t} are one table), the SQL with its spelling normalised
 * ({@code v=v+1} is {@code v = v + 1}) or the fix class, and the where. Running the same update
 * again resumes an interrupted run, and once it completed, is not applied again
 * ({@link io.rowsweep.core.RunStatus#ALREADY_DONE}, saying when) unless {@link #again} asks for
 * a new run. While an update of a table is unfinished, another update of that table is refused,
 * naming both. The job name ({@link #job}, default derived from the identity) names the saved
 * progress; a run refuses to resume over a table that was dropped and created again.
 *
 * <p>A {@link #dryRun dry run} changes no row of the table. Like any run it keeps its progress in
 * the {@code rowsweep_} job state tables (creating them if needed), under the job name with
 * {@value #DRY_RUN_SUFFIX} appended, so it never mixes with the real update's progress and can be
 * repeated at will.
 *
 * <p>The live database comes first: chunks adapt to {@link #chunkTime} (default 1 s), row locks
 * are waited for at most {@link #lockTimeout} (default 5 s) before the chunk rolls back and is
 * retried later, and {@link #maxRowsPerSecond} and {@link #pauseBetweenChunks} leave room for the
 * application.
 */
public final class Update extends SweepOptions<Update> {

    /** How many changes a dry run in Java mode keeps as samples. */
    public static final int SAMPLE_SIZE = 10;
    /** Appended to the job name of a dry run, so its progress never mixes with the real update's. */
    public static final String DRY_RUN_SUFFIX = "-dry-run";

    private final DataSource dataSource;
    private final SettingValues values;
    private final RowFix fixInstance;
    private final List<ProgressListener> listeners;
    private final Clock clock;
    /** The parameters it was started with (a declared job's), part of its spec; empty for none. */
    private final Map<String, String> parameters;
    /** The engine of the run in progress, for {@link #requestStop()}; each copy has its own. */
    private final java.util.concurrent.atomic.AtomicReference<SweepEngine> running = new java.util.concurrent.atomic.AtomicReference<>();

    private Update(DataSource dataSource, SettingValues values, RowFix fixInstance, List<ProgressListener> listeners, Clock clock,
                   Map<String, String> parameters) {
        this.dataSource = dataSource;
        this.parameters = parameters;
        this.values = values;
        this.fixInstance = fixInstance;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * An update on {@code dataSource}. With a HikariCP pool, its maximum size must be at least
     * workers + 1 (one connection per worker and one to coordinate).
     */
    public static Update of(DataSource dataSource) {
        return new Update(Objects.requireNonNull(dataSource, "dataSource"), SettingValues.defaults(), null, List.of(), Clock.systemUTC(), Map.of());
    }

    // ------------------------------------------------------------------ what to change

    /** The table to update: {@code table} or {@code schema.table}. Required. */
    public Update table(String table) {
        return with(UpdateSettings.TABLE, table);
    }

    /**
     * SQL mode: the assignments, e.g. {@code service_fee_amount = amount * 0.1}. Trusted SQL, run as
     * written; it must not change the key. Default: none (give this or a fix).
     */
    public Update set(String assignments) {
        return with(UpdateSettings.SET, assignments);
    }

    /** Only rows matching this condition, e.g. {@code service_fee = 1}. Trusted SQL, run as written. Default: every row. */
    public Update where(String condition) {
        return with(UpdateSettings.WHERE, condition);
    }

    /**
     * Java mode: {@code fix} sees each row and says what to change. It is called from all workers at
     * once, so it must be thread-safe (a stateless lambda is). Its class name identifies the job
     * (for a lambda, the class it is written in); give {@link #job} names to tell lambdas apart.
     */
    public Update fix(RowFix fix) {
        Objects.requireNonNull(fix, "fix");
        return new Update(dataSource, values.with(UpdateSettings.FIX, null).with(UpdateSettings.CLASSPATH, null), fix, listeners, clock, parameters);
    }

    /**
     * Java mode, with the fix loaded from a class path in its own class loader (as the CLI's
     * {@code --classpath fix.jar --fix com.acme.FixInvoices}). The class needs a public
     * no-argument constructor; each worker gets its own instance.
     *
     * @param classpath jars, folders and {@code dir/*}, separated as in {@code java -cp}; null for rowsweep's own class path
     */
    public Update fix(String classpath, String className) {
        return new Update(dataSource, values.with(UpdateSettings.CLASSPATH, classpath).with(UpdateSettings.FIX,
                Objects.requireNonNull(className, "className")), null, listeners, clock, parameters);
    }

    /** Report what would change (Java mode: with a sample of before/after values) and change nothing. Default: false. */
    public Update dryRun(boolean dryRun) {
        return with(UpdateSettings.DRY_RUN, dryRun);
    }

    /**
     * Apply this update once more although it completed: a new run of the job. Without it, an
     * update that completed is not applied again; running it says when it completed
     * ({@link io.rowsweep.core.RunStatus#ALREADY_DONE}). An update that has not completed is
     * refused with it (run it without {@code again} to resume, or {@link #restart} to discard its
     * progress). Default: false.
     */
    public Update again(boolean again) {
        return with(UpdateSettings.AGAIN, again);
    }

    /**
     * Any setting of {@link UpdateSettings#ALL_WITH_ENGINE} by its declaration; {@code null} resets
     * it to its default. A setting an update does not have is a usage error.
     */
    @Override
    public <T> Update with(Setting<T> setting, T value) {
        if (!UpdateSettings.ALL_WITH_ENGINE.contains(setting)) {
            throw RowSweepException.usage("'" + setting.name() + "' is not a setting of update; its settings are "
                    + UpdateSettings.ALL_WITH_ENGINE + ".");
        }
        RowFix fix = setting == UpdateSettings.FIX && value != null ? null : fixInstance;
        return new Update(dataSource, values.with(setting, value), fix, listeners, clock, parameters);
    }

    /**
     * The parameters this run is started with, by name, as text (an application's declared job's,
     * given at its start): they become part of the update's spec and identity, so a run started
     * with other values is another update (resuming an unfinished one with them is refused, and one
     * that completed is not taken for it), and the run history shows them. Default: none.
     */
    public Update parameters(Map<String, String> values) {
        return new Update(dataSource, this.values, fixInstance, listeners, clock, Map.copyOf(Objects.requireNonNull(values, "parameters")));
    }

    /** Receives progress (about twice a second) and each finished chunk. */
    public Update listener(ProgressListener listener) {
        List<ProgressListener> all = new ArrayList<>(listeners);
        all.add(Objects.requireNonNull(listener, "listener"));
        return new Update(dataSource, values, fixInstance, all, clock, parameters);
    }

    /** The clock timestamps in job state and progress come from. Default: the system clock (UTC). */
    public Update clock(Clock clock) {
        return new Update(dataSource, values, fixInstance, listeners, Objects.requireNonNull(clock, "clock"), parameters);
    }

    @Override
    public SettingValues settings() {
        return values;
    }

    // ------------------------------------------------------------------ run

    /**
     * Runs the update in this thread until every chunk is done, a chunk fails with on-error=stop,
     * or the run is stopped: interrupting this thread stops it gracefully (running chunks finish,
     * progress is saved, {@link UpdateSummary#exitCode()} is 130), interrupting it again rolls the
     * running chunks back at once.
     *
     * @throws RowSweepException for a wrong or missing setting ({@code USAGE}), a table, column, key
     *                           or fix that does not work ({@code CONFIGURATION}), or an unreachable database ({@code CONNECTION});
     *                           nothing is written then
     */
    public UpdateSummary run() {
        String table = values.get(UpdateSettings.TABLE);
        String set = values.get(UpdateSettings.SET);
        String fixClass = values.get(UpdateSettings.FIX);
        boolean dryRun = values.get(UpdateSettings.DRY_RUN);
        checkCombination(table, set, fixClass);
        SettingValues engineValues = values;
        if (dryRun && values.get(SweepSettings.JOB) != null) {
            engineValues = values.with(SweepSettings.JOB, values.get(SweepSettings.JOB) + DRY_RUN_SUFFIX);
        }
        SweepEngine engine = new SweepEngine(dataSource, engineValues, listeners, clock);
        running.set(engine);
        FixLoader loader = loader();
        try {
            UpdateJob job = job(loader);
            return UpdateSummary.of(engine.run(ParameterizedJob.of(job, parameters)), dryRun, job.samples());
        } finally {
            running.set(null);
            if (loader != null) {
                loader.close();
            }
        }
    }

    /**
     * Queues this update for other processes to run and returns at once, without planning or
     * running a chunk: what a schema migration calls to start a backfill
     * ({@code rowsweep-flyway}, {@code rowsweep-liquibase}). The run is recorded in the job state,
     * with its settings, on {@code connection} and in its transaction, which the caller commits
     * (and if it rolls back, nothing was queued). Whoever runs workers of the job runs it:
     * {@code rowsweep worker --job NAME}, {@code Worker.join(dataSource).job(NAME).run()}, or
     * {@code Worker...ensureFinished()} inline. Needs {@code rowsweep-distributed} on the class path.
     *
     * <p>Queueing does not grow with the table: it resolves the table and its key, checks the SQL
     * against it (statements that touch no row) and reads the key's first and last values; it
     * never counts the rows. The job state's tables are created first if missing, on a connection
     * of this update's data source (so never inside the caller's transaction).
     *
     * <p>Queueing the same update under the same job name again is safe: a job still unfinished
     * goes on ({@link QueuedRun.State#RESUMED}: its failed chunks are queued again, nothing done is
     * done again), one that completed is not run again ({@link QueuedRun.State#ALREADY_DONE});
     * another update under that name is refused, as {@link #run()} refuses it.
     *
     * @param connection where to record the run, in its current transaction; not committed, rolled back or closed here
     * @throws RowSweepException as {@link #run()}, and {@code USAGE} for a dry run (nothing to queue) or without rowsweep-distributed
     */
    public QueuedRun queue(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        checkCombination(values.get(UpdateSettings.TABLE), values.get(UpdateSettings.SET), values.get(UpdateSettings.FIX));
        if (values.get(UpdateSettings.DRY_RUN)) {
            throw RowSweepException.usage("A dry run cannot be queued: it reports to the process that runs it. Run it with run(),"
                    + " or queue the update without dryRun.");
        }
        if (values.get(SweepSettings.STATE_URL) != null) {
            throw RowSweepException.usage("state-url cannot be used to queue an update: the workers of a queued job find it in the"
                    + " database they update. Leave state-url out (state-schema may name the schema of the job state).");
        }
        DistributedExecutor executor = DistributedExecutor.load();
        FixLoader loader = loader();
        try {
            return executor.queue(connection, dataSource, ParameterizedJob.of(job(loader), parameters), values.with(SweepSettings.DISTRIBUTED, true),
                    clock);
        } finally {
            if (loader != null) {
                loader.close();
            }
        }
    }

    /** The loader of a fix named by class, or null (SQL mode, or a fix given as an object). */
    private FixLoader loader() {
        return values.get(UpdateSettings.SET) == null && fixInstance == null
                ? FixLoader.load(values.get(UpdateSettings.CLASSPATH), values.get(UpdateSettings.FIX), Update.class.getClassLoader())
                : null;
    }

    private UpdateJob job(FixLoader loader) {
        String table = values.get(UpdateSettings.TABLE);
        String set = values.get(UpdateSettings.SET);
        String where = values.get(UpdateSettings.WHERE);
        boolean dryRun = values.get(UpdateSettings.DRY_RUN);
        boolean again = values.get(UpdateSettings.AGAIN);
        if (set != null) {
            return UpdateJob.sql(table, set, where, dryRun, again);
        } else if (loader != null) {
            return UpdateJob.fix(table, loader.instances(), loader.className(), values.get(UpdateSettings.CLASSPATH),
                    loader.classLoader(), where, dryRun, again, SAMPLE_SIZE);
        }
        return UpdateJob.fix(table, () -> fixInstance, fixName(fixInstance.getClass()), null,
                fixInstance.getClass().getClassLoader(), where, dryRun, again, SAMPLE_SIZE);
    }

    /**
     * Asks a running update (of this instance) to stop: chunks in progress finish (a second call
     * rolls them back), progress is saved, and running the same update again resumes it. Does
     * nothing when not running. Interrupting the thread that runs it does the same.
     */
    public void requestStop() {
        SweepEngine e = running.get();
        if (e != null) {
            e.requestStop();
        }
    }

    private void checkCombination(String table, String set, String fixClass) {
        if (table == null) {
            throw RowSweepException.usage("No table to update: give --table (API: table(\"invoices\")).");
        }
        boolean javaMode = fixClass != null || fixInstance != null;
        if (set != null && javaMode) {
            throw RowSweepException.usage("Both --set and --fix are given: use --set for an SQL update or --fix for a Java fix, not both.");
        }
        if (set == null && !javaMode) {
            throw RowSweepException.usage("Nothing to change: give --set \"column = expression\" (SQL) or --fix CLASS (a Java RowFix).");
        }
        if (values.get(UpdateSettings.CLASSPATH) != null && fixClass == null) {
            throw RowSweepException.usage("--classpath is only used to load a --fix class; give --fix CLASS too, or leave --classpath out.");
        }
    }

    /** The fix's identity in the job spec: its class name; for a lambda (whose class name changes from run to run), the class it is written in. */
    static String fixName(Class<?> type) {
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda";
    }
}
