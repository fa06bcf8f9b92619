package io.rowsweep.core.internal.exec;

import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.internal.plan.ChunkSizer;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.state.ChunkRecord;
import io.rowsweep.core.state.ControlRequest;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.TableCursorRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What one process's part in a distributed run asks of the engine, and all it asks: the run's
 * identity and settings, its record in the job state, planning chunks for the queue, running a
 * queued chunk, stopping and ending. The queue itself (db-scheduler, in {@code rowsweep-distributed})
 * is not the engine's business, and how the engine keeps a run is not the queue's, so neither
 * reaches into the other past this. {@link JobSession} implements it.
 *
 * <p>A distributed run keeps its job state in the target database: a connection a method takes
 * is one to {@link #dataSource()}, and its transaction is the caller's.
 */
public interface ClusterRun extends AutoCloseable {

    /**
     * Joins a run that another process started: rebuilds what the run needs of {@code job}
     * (rebuilt from the spec in {@code record}) without changing the job state, and starts
     * reporting progress. The job's heartbeat stays with the process that started the run.
     *
     * @param workers how many chunk workers this process runs, for progress
     */
    static ClusterRun join(DataSource dataSource, SettingValues settings, List<ProgressListener> listeners, Clock clock,
                           SweepJob<?> job, JobRecord record, int workers) {
        JobSession s = JobSession.join(dataSource, settings, listeners, clock, job, record, workers);
        try {
            s.startReporting(false);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * A run recorded in the job state by {@link #register}, for other processes to run.
     *
     * @param job         the job's name (derived from its spec when none was given)
     * @param run         the run's number
     * @param resumed     whether the job had an unfinished run, which goes on (nothing done is done again)
     * @param alreadyDone whether the job had completed and is not run again (nothing was recorded)
     * @param dialect     the database's, where the run's queue is kept too
     */
    record Registered(String job, int run, boolean resumed, boolean alreadyDone, Dialect dialect) {
    }

    /**
     * Records a run of {@code job} in the job state for other processes to run, admitted by the
     * rules of a started run, all in the transaction of {@code c}, which the caller owns: nothing
     * here commits or rolls back. A resumed run's failed chunks are queued again. The job state's
     * tables must exist.
     */
    static Registered register(Connection c, DataSource dataSource, SettingValues settings, Clock clock, SweepJob<?> job)
            throws SQLException {
        return JobSession.register(c, dataSource, settings, clock, job);
    }

    // ------------------------------------------------------------------ what the run is

    /** The job's name. */
    String job();

    /** Which run of the job this is, from 1. */
    int run();

    /** How many workers this process runs the job's chunks with. */
    int workers();

    /** The settings as given, to record for the processes that join. */
    SettingValues settings();

    /** {@link #settings()}, typed. */
    RunSettings config();

    /** The target database: the job's tables, its job state and the run's queue. */
    DataSource dataSource();

    Dialect dialect();

    Clock clock();

    // ------------------------------------------------------------------ the run in the job state

    /** The job's record, whichever run it is at now; empty when the job was removed. */
    Optional<JobRecord> record(Connection c) throws SQLException;

    /**
     * Whether this run is asked to pause or cancel, or is paused or cancelled: then no chunk of
     * it may start.
     */
    boolean held(Connection c) throws SQLException;

    /**
     * Records that {@code request} took effect in every process (none runs a chunk of the run any
     * more); false when it is no longer there (resumed meanwhile) or was acknowledged already.
     */
    boolean acknowledge(Connection c, ControlRequest request) throws SQLException;

    /** Records the run as FAILED, so every process leaves it. */
    void fail(Connection c) throws SQLException;

    /**
     * Queues the failed chunks of a resumed run again, so the run is not over until they are
     * redone; nothing for a new run.
     *
     * @return how many
     */
    int requeueFailed(Connection c) throws SQLException;

    /**
     * Where a run stands in the job state, over all processes.
     *
     * @param allPlanned    whether every task is planned to its end
     * @param runningChunks chunks queued or running
     * @param failedChunks  chunks that failed for good
     */
    record StateTotals(boolean allPlanned, long runningChunks, long failedChunks) {

        /** Whether no chunk is left to run: the run is over. */
        public boolean over() {
            return allPlanned && runningChunks == 0;
        }
    }

    /**
     * Reads where the run stands from the job state and sets the progress of every task from it,
     * so a process sees what all processes of a distributed run did.
     */
    StateTotals loadProgress(Connection c) throws SQLException;

    // ------------------------------------------------------------------ planning chunks for the queue

    /** The names of the job's tasks, largest first: the order new chunks are planned in. */
    List<String> tasksLargestFirst();

    /** A sizer toward the run's chunk time, within its chunk-row bounds and the current ceiling (max-rows-per-second). */
    ChunkSizer newSizer();

    /** The chunks recorded as queued or running, in any process. */
    List<Chunk> runningChunks(Connection c) throws SQLException;

    /** Each task's planning cursor. */
    List<TableCursorRecord> cursors(Connection c) throws SQLException;

    /** The chunks of {@code task} done with numbers above {@code after}, for their times. */
    List<ChunkRecord> doneChunksAfter(Connection c, String task, int after) throws SQLException;

    /**
     * Plans the next chunk of {@code task} and records it as queued for any process to take, in
     * one transaction on {@code c} that locks the task's planning cursor, so any process may plan.
     *
     * @param rows rows to put in the chunk
     * @return the chunk, or null when the task is planned to its end
     */
    PlannedChunk planQueued(Connection c, String task, int rows) throws SQLException;

    /**
     * Whether every task was planned to its end, as far as this process saw: planning a chunk of
     * a task another process planned to its end finds that out ({@link #planQueued} returns null).
     */
    boolean allPlanned();

    // ------------------------------------------------------------------ running chunks

    /** A worker that runs queued chunks, one at a time, on a connection of its own; one per thread. */
    ChunkWorker newWorker(int index);

    // ------------------------------------------------------------------ stopping and ending

    /**
     * How a process's part in a run ended.
     *
     * @param ofRun whether the outcome is the run's own (it is over, or failed with on-error=stop),
     *              to be recorded in the job state, rather than this process's alone
     */
    record Ended(RunStatus status, boolean ofRun) {
    }

    /** Asks this process to stop gracefully: running chunks finish, no new ones start. A second call aborts them. */
    void requestStop();

    /**
     * Null while this process goes on; once it stops, how: FAILED when a chunk failed with
     * on-error=stop (then the run's own failure) or the database stayed unreachable, STOPPED when
     * it was asked to stop.
     */
    Ended stopped();

    /**
     * Returns the summary of this process's part, counted from the job state, and tells the
     * listeners; records the outcome in the job state only when it is {@link Ended#ofRun the run's}.
     */
    RunSummary end(Ended ended);

    /** Stops reporting and lets the job release what it opened for the run. */
    @Override
    void close();
}
