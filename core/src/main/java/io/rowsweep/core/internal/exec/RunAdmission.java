package io.rowsweep.core.internal.exec;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.internal.state.TableTarget;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admits a run of a job into the job state, or refuses it before anything is written: the
 * checks that keep a change from being applied twice (another spec under the same name, two
 * unfinished jobs writing one table, a table dropped and created again under a saved job, a job
 * alive in another process).
 */
final class RunAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(RunAdmission.class);

    private final String name;
    private final SweepJob<Object> job;
    private final String owner;
    /** Whether the user asked to discard the job's progress and start over ({@code --restart}). */
    private final boolean restart;
    /** The session's tables by task name; renamed here when a resumed run named a task differently. */
    private final Map<String, TableTarget> targets;
    private final Map<String, String> keyDescriptions;

    /** @param prepared the session's tasks, whose targets and key descriptions are renamed here for a resumed run */
    RunAdmission(String name, SweepJob<Object> job, String owner, boolean restart, PreparedTasks prepared) {
        this.name = name;
        this.job = job;
        this.owner = owner;
        this.restart = restart;
        this.targets = prepared.targets();
        this.keyDescriptions = prepared.keyDescriptions();
    }

    /**
     * The run as admitted.
     *
     * @param tasks     the tasks, named as the job state knows them when the run resumes
     * @param run       the run's number
     * @param resumed   whether it continues an interrupted run
     * @param completed the job's record when it completed and must not run again (nothing to run), else null
     */
    record Admitted(List<SweepTask<Object>> tasks, int run, boolean resumed, JobRecord completed) {
    }

    /**
     * Records the run in the job state, in {@code c}'s transaction (the caller commits): a new job,
     * a new run of one, a resumed run, or none when the job completed and must not run again.
     * Refuses, before writing
     * anything, what could apply a change twice: a spec other than the saved one, a second
     * unfinished job writing to the same table, or a saved job's table dropped and created again.
     *
     * @param now the time, as the job state records it
     */
    Admitted admit(Connection c, JobStore store, String hash, List<SweepTask<Object>> prepared, long now) throws SQLException {
        store.lockJob(c, name);
        int run;
        boolean resumed = false;
        JobRecord completed = null;
        Optional<JobRecord> existing = store.findJob(c, name);
        JobRecord fresh = new JobRecord(name, job.kind(), hash, job.spec(), 1, JobStatus.RUNNING, owner, now, now, null);
        List<SweepTask<Object>> runTasks = prepared;
        if (existing.isEmpty()) {
            checkNoOtherWriter(c, store);
            store.insertJob(c, fresh);
            run = 1;
        } else {
            JobRecord old = existing.get();
            checkNotRunningElsewhere(old, now);
            if (!old.kind().equals(job.kind()) && !restart) {
                throw RowSweepException.configuration("Job '" + name + "' is a " + old.kind() + " job, not a " + job.kind()
                        + " job. Use another job name, or pass --restart to replace it.");
            }
            if (restart) {
                checkNoOtherWriter(c, store);
                run = old.run() + 1;
                store.replaceRun(c, withRun(fresh, run));
                LOG.info("Job '{}': progress discarded (restart); starting run {}", name, run);
            } else if (!old.status().finished()) {
                if (!old.specHash().equals(hash)) {
                    throw RowSweepException.configuration("Job '" + name + "' has unfinished progress made with a different spec."
                            + " Re-run it with its original settings to resume, use another job name, or pass --restart to discard"
                            + " its progress. Saved spec: " + abbreviate(old.spec()) + "; this spec: " + abbreviate(job.spec()));
                }
                if (job.again()) {
                    throw RowSweepException.configuration("Job '" + name + "' has not completed (" + describe(old) + "), so there"
                            + " is nothing to run again: --again starts a new run of a completed job. Re-run without --again to"
                            + " resume it, or pass --restart to discard its progress and start over.");
                }
                if (old.status() == JobStatus.CANCELLED) {
                    LOG.info("Job '{}' run {} was cancelled; resuming it where it stopped (--restart discards its progress)", name,
                            old.run());
                }
                runTasks = asRecorded(prepared, store.targets(c, name));
                run = old.run();
                resumed = true;
                store.resume(c, name, owner, now);
            } else if (!job.rerunsWhenFinished() && !old.specHash().equals(hash)) {
                throw RowSweepException.configuration("Job '" + name + "' already completed with a different spec."
                        + " Use another job name, or pass --restart to run this spec under this name.");
            } else if (!job.rerunsWhenFinished() && !job.again()) {
                long finishedAt = old.finishedAt() == null ? old.heartbeatAt() : old.finishedAt();
                LOG.info("Job '{}' already completed at {} (run {}); nothing to do. Pass --again to run it once more.", name,
                        Instant.ofEpochMilli(finishedAt), old.run());
                run = old.run();
                completed = old;
            } else {
                checkNoOtherWriter(c, store);
                run = old.run() + 1;
                store.replaceRun(c, withRun(fresh, run));
            }
        }
        return new Admitted(runTasks, run, resumed, completed);
    }

    /**
     * Writes the history row of the admitted run (number {@code run}): the settings set explicitly
     * and who started it where, in {@code c}'s transaction.
     */
    void recordStart(Connection c, JobStore store, String hash, int run, SettingValues settings, Clock clock) throws SQLException {
        store.recordRunStart(c, new JobRecord(name, job.kind(), hash, job.spec(), run, JobStatus.RUNNING, owner, clock.millis(),
                clock.millis(), null), settingsJson(settings), JobIdentity.user(), JobIdentity.host());
    }

    /**
     * Sets the admitted run up in {@code c}'s transaction: a planning cursor per task, in the
     * job's order, then the job's own state ({@link SweepJob#setUpRun}).
     *
     * @param dialect the dialect of where the job state is kept
     * @param schema  the job state's schema, or null for the connection's
     */
    void setUp(Connection c, JobStore store, Admitted admitted, Dialect dialect, String schema) throws SQLException {
        int order = 0;
        for (SweepTask<Object> t : admitted.tasks()) {
            store.ensureCursor(c, name, t.name(), order++, t.estimatedRows(), targets.get(t.name()));
        }
        job.setUpRun(c, dialect, schema, name, admitted.resumed());
    }

    /** The settings set explicitly, as a JSON object of their rendered values, for the run's history; no password is written. */
    private static String settingsJson(SettingValues settings) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<Setting<?>, Object> e : settings.explicit().entrySet()) {
                g.writeStringField(e.getKey().name(), Connections.redact(e.getKey().render(e.getValue())));
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Refuses to start a job that writes to a table while another job writing to it is
     * unfinished: the same change written another way is another job, and both would apply it.
     */
    private void checkNoOtherWriter(Connection c, JobStore store) throws SQLException {
        for (TableTarget target : targets.values()) {
            if (!target.writes()) {
                continue;
            }
            List<JobRecord> others = store.unfinishedWriters(c, target.ref(), name);
            if (!others.isEmpty()) {
                JobRecord other = others.get(0);
                throw RowSweepException.configuration("Table " + target.ref() + " has an unfinished " + other.kind() + " job, '"
                        + other.name() + "' (" + describe(other) + "), so job '" + name + "' does not start: both would write to"
                        + " it, and a change applied by both would be applied twice. Finish '" + other.name() + "' first: re-run the"
                        + " command that started it, or pass --job " + other.name() + " with its settings (saved spec: "
                        + abbreviate(other.spec()) + ").");
            }
        }
    }

    /**
     * The tasks of a resumed run, named as the job state recorded them: the same job may name its
     * table differently this time ({@code public.t} for {@code t}). Refuses a table that is not
     * the one the job worked on: another table now behind the name, or the table dropped and
     * created again, whose chunks recorded as done were done on rows that are gone.
     */
    private List<SweepTask<Object>> asRecorded(List<SweepTask<Object>> prepared, Map<String, TableTarget> recorded) {
        List<SweepTask<Object>> named = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (SweepTask<Object> t : prepared) {
            TableTarget now = targets.get(t.name());
            String recordedName = t.name();
            if (!recorded.containsKey(recordedName)) {
                List<String> sameTable = recorded.entrySet().stream()
                        .filter(e -> now.ref().equals(e.getValue().ref()) && !targets.containsKey(e.getKey()))
                        .map(Map.Entry::getKey).toList();
                if (sameTable.size() == 1) {
                    recordedName = sameTable.get(0);
                }
            }
            if (!taken.add(recordedName)) {
                throw new IllegalStateException("two tasks recorded as " + recordedName);
            }
            TableTarget then = recorded.get(recordedName);
            if (then != null) {
                checkSameTable(t.table().label(), then, now);
            }
            if (!recordedName.equals(t.name())) {
                LOG.info("Job '{}': '{}' is '{}', as the job's earlier runs named it", name, t.name(), recordedName);
                named.add(new SweepTask<>(recordedName, t.table(), t.chunkKey(), t.estimatedRows(), t.processors(), t.locksRows(), t.holdsRows()));
                targets.put(recordedName, targets.remove(t.name()));
                keyDescriptions.put(recordedName, keyDescriptions.remove(t.name()));
            } else {
                named.add(t);
            }
        }
        return named;
    }

    private void checkSameTable(String label, TableTarget then, TableTarget now) {
        if (then.ref() != null && !then.ref().equals(now.ref())) {
            throw RowSweepException.configuration("Job '" + name + "' worked on table " + then.ref() + ", but '" + label + "' is "
                    + now.ref() + " now. Name the table as the job's first run did (or fix the connection's schema), or start"
                    + " this one under another job name.");
        }
        String a = then.identity();
        String b = now.identity();
        if (a != null && b != null && !a.equals(b) && a.substring(0, a.indexOf(':')).equals(b.substring(0, b.indexOf(':')))) {
            String how = a.startsWith("oid:") ? "dropped and created again" : "dropped and created again, or rebuilt (TRUNCATE,"
                    + " OPTIMIZE TABLE, a copying ALTER TABLE)";
            throw RowSweepException.configuration("Table " + now.ref() + " is not the table job '" + name + "' worked on: it was "
                    + how + " since (" + a + " then, " + b + " now), so the chunks the job recorded as done were done on rows that"
                    + " are no longer there, and resuming would skip them. Check the table's rows, then pass --restart to run the"
                    + " job over the table as it is, or start it under another job name.");
        }
    }

    /** {@code stopped, started 2024-05-01T10:00:00Z by host:123}: for messages about another run of a job. */
    private static String describe(JobRecord job) {
        return job.status().name().toLowerCase(java.util.Locale.ROOT) + ", run " + job.run() + " started "
                + Instant.ofEpochMilli(job.startedAt()) + (job.owner() == null ? "" : " by " + job.owner());
    }

    private static JobRecord withRun(JobRecord r, int run) {
        return new JobRecord(r.name(), r.kind(), r.specHash(), r.spec(), run, r.status(), r.owner(), r.startedAt(), r.heartbeatAt(), r.finishedAt());
    }

    private void checkNotRunningElsewhere(JobRecord old, long now) {
        boolean live = old.status() == JobStatus.RUNNING || old.status() == JobStatus.PAUSED;
        if (!live || old.owner() == null || old.owner().equals(owner)) {
            return;
        }
        String me = owner.substring(0, owner.lastIndexOf(':'));
        int colon = old.owner().lastIndexOf(':');
        boolean alive;
        if (colon > 0 && old.owner().substring(0, colon).equals(me)) {
            long pid;
            try {
                pid = Long.parseLong(old.owner().substring(colon + 1));
            } catch (NumberFormatException e) {
                pid = -1;
            }
            alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } else {
            alive = now - old.heartbeatAt() < JobRecord.STALE_HEARTBEAT.toMillis();
        }
        if (alive) {
            throw RowSweepException.configuration("Job '" + old.name() + "' is " + (old.status() == JobStatus.PAUSED ? "paused" : "running")
                    + " in process " + old.owner() + " (last heartbeat "
                    + Math.max(0, (now - old.heartbeatAt()) / 1000) + " s ago). Wait for it to finish, stop it, or use another job name.");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
