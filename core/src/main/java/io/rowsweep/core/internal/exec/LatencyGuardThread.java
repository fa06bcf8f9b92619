package io.rowsweep.core.internal.exec;

import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.core.internal.throttle.LoadProbe;
import io.rowsweep.core.internal.throttle.LoadSample;
import io.rowsweep.core.internal.throttle.OwnSessions;
import io.rowsweep.core.internal.throttle.ReplicaLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latency guard. Ten times a second it times a one-row write and its commit in the job state
 * (on a pooled connection, timing only the statement, not the wait for the connection), which is
 * also the heartbeat replicas' lag is measured with; reads what the other sessions do and how far
 * behind each replica is ({@link LoadProbe}, {@link ReplicaLag}); hands all of it to a
 * {@link LatencyController} and applies the allowed rate, and why, to the run's
 * {@link RateLimiter}, which also shrinks chunks to it. A probe that has not returned after one
 * interval counts, every interval, with the time it has waited so far: a stall slows the run
 * within a tenth of a second, not when the probe's 2 s timeout ends it.
 */
final class LatencyGuardThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyGuardThread.class);
    static final Duration INTERVAL = Duration.ofMillis(100);
    /** How long after a replica fell behind the run still grows back step by step instead of going to full speed. */
    static final Duration REPLICA_MEMORY = Duration.ofSeconds(10);
    private static final int BASELINE_PROBES = 5;
    /** Probes before a run that finds nobody else on the database: back to back, a few milliseconds. */
    private static final int QUICK_PROBES = 3;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    /** Samples the load signal averages: half a second. */
    private static final int LOAD_WINDOW = 5;
    /** Samples in which other sessions must have been at work for an application to count as present: 2 of the last 10. */
    private static final int PRESENCE_WINDOW = 10;
    private static final int PRESENCE_HITS = 2;
    /** The host and port of a JDBC URL, {@code //host:port/}. */
    private static final Pattern AUTHORITY = Pattern.compile("^(jdbc:[a-z]+://)([^/?;]+)(.*)$");

    private final DataSource dataSource;
    private final Duration networkTimeout;
    private final JobStore store;
    private final String job;
    private final Clock clock;
    private final RateLimiter limiter;
    private final int minChunkRows;
    private final int workers;
    private final Duration chunkTime;
    private final RunSettings config;
    private final LoadProbe load;
    private final OwnSessions own;
    private volatile boolean closed;
    private Thread thread;
    /** Runs the probes, so the guard sees a probe that is still waiting. */
    private ExecutorService prober;
    private LatencyController controller;
    private ReplicaLag replicas;
    /** When a replica was last behind by more than half of max-replica-lag (System.nanoTime), or 0. */
    private long replicaBehindAt;
    private double loadBefore;
    private final int[] running = new int[LOAD_WINDOW];
    private int loadSamples;
    /** Whether other sessions were at work, per sample, the last {@link #PRESENCE_WINDOW}. */
    private final boolean[] activity = new boolean[PRESENCE_WINDOW];
    private int activitySamples;
    private boolean loadUnreadable;
    private long throttledNanos;
    /** Time slowed down, by what slowed it down. */
    private final Map<String, Long> throttledBy = new LinkedHashMap<>();
    private long lastReport;

    LatencyGuardThread(RunContext ctx, int workers, int minChunkRows) {
        this.dataSource = ctx.dataSource();
        this.networkTimeout = ctx.networkTimeout();
        this.store = ctx.store();
        this.job = ctx.job();
        this.clock = ctx.clock();
        this.limiter = ctx.limiter();
        this.minChunkRows = minChunkRows;
        this.workers = Math.max(1, workers);
        this.chunkTime = ctx.chunkTime();
        this.config = ctx.config();
        this.load = LoadProbe.forDialect(ctx.dialect().name());
        this.own = OwnSessions.of(ctx.dataSource());
    }

    /**
     * Measures the latency and the other sessions' load before the run (a few probes, now, before
     * any worker starts), finds the replicas to watch, and starts watching. When the probe cannot
     * run, the run goes on unguarded, with a warning.
     */
    void start() {
        List<LoadSample> loadBeforeRun = new ArrayList<>();
        long[] before;
        try {
            // A first look: with nobody else on the database the run starts at once, at full speed, its baseline from a
            // few back-to-back probes. Those read low (every cache and CPU awake), which only makes the guard act
            // sooner once an application comes. Otherwise the probes are spaced as during the run, for a true level.
            LoadSample first = sample();
            loadBeforeRun.add(first);
            boolean alone = first.known() && first.recent() == 0;
            before = new long[alone ? QUICK_PROBES : BASELINE_PROBES];
            for (int i = 0; i < before.length; i++) {
                if (i > 0 && !alone) {
                    Backoff.sleepQuietly(INTERVAL);
                }
                try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
                    c.setAutoCommit(true);
                    before[i] = probe(c, null);
                }
                if (!alone) {
                    loadBeforeRun.add(sample());
                }
            }
        } catch (SQLException e) {
            LOG.warn("latency guard off: its probe failed ({}); the run is not slowed down for the application", Errors.describe(e));
            return;
        }
        long baseline = LatencyController.baseline(before);
        controller = new LatencyController(baseline, minChunkRows);
        loadBefore = loadBeforeRun.stream().mapToInt(LoadSample::running).average().orElse(0);
        boolean application = false;
        for (LoadSample s : loadBeforeRun) {
            application = present(s);
        }
        replicas = new ReplicaLag(store.heartbeatQuery(), job, clock.millis());
        List<String> replicaNames = watchReplicas(loadBeforeRun.get(loadBeforeRun.size() - 1));
        load.watchingReplicas(replicas.watchesConnections());
        LOG.info("latency guard on: commit latency before the run {} ms (slowing down above {} ms while an application uses the"
                        + " database); {}; {}", millis(baseline), millis(controller.thresholdNanos()),
                describeLoad(loadBeforeRun.get(loadBeforeRun.size() - 1), application),
                replicaNames.isEmpty() ? "no replica to watch" : "watching the lag of " + String.join(", ", replicaNames)
                        + " (max-replica-lag " + Format.seconds(config.maxReplicaLag()) + ")");
        if (application) {
            // Begin at a few chunks a second and double every half second: a run that starts at full speed hurts an
            // application for the second or two the guard needs to see it.
            controller.slowStart(minChunkRows * (double) workers * 1e9 / Math.max(1, chunkTime.toNanos()));
            limiter.guard(controller.onProbe(before[before.length - 1], 0, System.nanoTime(), pressure(sample())), controller.reason());
        }
        prober = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rowsweep-latency-probe");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::watch, "rowsweep-latency-guard");
        thread.setDaemon(true);
        thread.start();
    }

    private String describeLoad(LoadSample s, boolean application) {
        if (!s.known()) {
            return "other sessions unknown (taken for an application)";
        }
        return application ? String.format(Locale.ROOT, "an application is using the database (%.1f other sessions running"
                + " statements): slow start, slowing down above %d", loadBefore, loadThreshold())
                : "nobody else uses the database: full speed until someone does";
    }

    /** The replicas to watch, named; those reached through connections are set up here. */
    private List<String> watchReplicas(LoadSample now) {
        List<String> names = new ArrayList<>();
        String setting = config.replicas().trim();
        if (setting.equalsIgnoreCase("none")) {
            return names;
        }
        Properties credentials = credentials();
        if (setting.equalsIgnoreCase("auto")) {
            for (LoadSample.ReplicaPosition r : now.replicas()) {
                names.add(r.name() + (r.replayed() < 0 ? " (its position is not readable: grant pg_monitor)" : ""));
            }
            try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
                String primary = c.getMetaData().getURL();
                for (String address : load.replicaAddresses(c)) {
                    Matcher m = primary == null ? null : AUTHORITY.matcher(primary);
                    if (m != null && m.matches()) {
                        replicas.watch(address, m.group(1) + address + m.group(3), credentials);
                        names.add(address);
                    }
                }
            } catch (SQLException e) {
                LOG.info("latency guard: cannot list the replicas ({}); name them with --replicas to watch their lag", e.getMessage());
            }
            return names;
        }
        for (String url : setting.split(",")) {
            if (!url.isBlank()) {
                String u = url.trim();
                replicas.watch(Connections.redact(u), u, credentials);
                names.add(Connections.redact(u));
            }
        }
        return names;
    }

    /** The run's user and password, for replicas whose URL carries none: known where the run's pool is HikariCP's. */
    private Properties credentials() {
        Properties p = new Properties();
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource) {
            com.zaxxer.hikari.HikariDataSource h = (com.zaxxer.hikari.HikariDataSource) dataSource;
            if (h.getUsername() != null) {
                p.setProperty("user", h.getUsername());
            }
            if (h.getPassword() != null) {
                p.setProperty("password", h.getPassword());
            }
        }
        return p;
    }

    private void watch() {
        long last = System.nanoTime();
        while (!closed) {
            long started = System.nanoTime();
            Future<Long> probe = prober.submit(this::probeOnce);
            Long latency = null;
            while (latency == null && !closed) {
                try {
                    latency = probe.get(INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillWaiting) {
                    // A probe still waiting (on a lock, a stalled disk) is a slow database now, not when it returns.
                    last = apply(System.nanoTime() - started, last);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    latency = Duration.ofSeconds(JobStore.PROBE_TIMEOUT_SECONDS).toNanos();
                }
            }
            if (latency != null) {
                last = apply(latency, last);
                Backoff.sleepQuietly(INTERVAL);
            }
        }
    }

    /** Hands one latency and what the database says now to the controller, and its allowance to the limiter; returns now. */
    private long apply(long latency, long last) {
        LoadSample sample = sample();
        long now = System.nanoTime();
        double allowed = controller.onProbe(latency, limiter.rowsTotal(), now, pressure(sample));
        String reason = controller.reason();
        limiter.guard(allowed, reason);
        if (!Double.isInfinite(allowed)) {
            throttledNanos += now - last;
            throttledBy.merge(kind(reason), now - last, Long::sum);
        }
        report(allowed, reason, now);
        return now;
    }

    /** What the other sessions do now; nothing known when the database does not answer (the probe's latency tells then). */
    private LoadSample sample() {
        if (loadUnreadable) {
            return LoadSample.NONE;
        }
        try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
            c.setAutoCommit(true);
            return load.sample(c, own.ids());
        } catch (SQLException e) {
            if (replicas == null) {
                // Before the run: a database that will not say (no privilege) is asked no more.
                loadUnreadable = true;
                LOG.info("latency guard: cannot read the other sessions' activity ({}); an application is assumed", e.getMessage());
            } else {
                LOG.debug("latency guard: reading the other sessions failed: {}", e.toString());
            }
            return LoadSample.NONE;
        }
    }

    /**
     * Whether an application is at work: other sessions were busy in at least {@link #PRESENCE_HITS}
     * of the last {@link #PRESENCE_WINDOW} samples (a pool opening a connection is busy once, an
     * application again and again), or the database does not say. Counts {@code s} in.
     */
    private boolean present(LoadSample s) {
        if (!s.known()) {
            return true;
        }
        activity[activitySamples++ % PRESENCE_WINDOW] = s.recent() > 0;
        int hits = 0;
        for (int i = 0; i < Math.min(activitySamples, PRESENCE_WINDOW); i++) {
            hits += activity[i] ? 1 : 0;
        }
        return hits >= PRESENCE_HITS;
    }

    /** What hurts someone now, from a sample and the replicas' lag. */
    private LatencyController.Pressure pressure(LoadSample s) {
        running[loadSamples % LOAD_WINDOW] = s.running();
        loadSamples++;
        int critical = config.criticalLoad();
        if (critical > 0 && s.known() && s.running() >= critical) {
            return new LatencyController.Pressure(true, null, "critical load: " + s.running() + " other sessions running statements"
                    + " (critical-load " + critical + ")");
        }
        long maxLag = config.maxReplicaLag().toMillis();
        String laggard = null;
        long lag = -1;
        if (replicas != null) {
            for (Map.Entry<String, Long> e : replicas.lags(s, System.nanoTime(), clock.millis()).entrySet()) {
                if (e.getValue() > lag) {
                    lag = e.getValue();
                    laggard = e.getKey();
                }
            }
        }
        String lagText = lag < 0 ? null : String.format(Locale.ROOT, "replica lag %.1f s on %s (max-replica-lag %s)", lag / 1000.0,
                laggard, Format.seconds(config.maxReplicaLag()));
        // Pause at max-replica-lag, slow down from half of it: what was written before the pause still has to reach the
        // replica, so a run that only slowed down at the limit would carry the lag past it.
        if (lag > maxLag) {
            return new LatencyController.Pressure(true, null, lagText);
        }
        boolean application = present(s);
        long now = System.nanoTime();
        if (lag > maxLag / 2) {
            replicaBehindAt = now;
            return new LatencyController.Pressure(application, lagText, null);
        }
        boolean replicaBehindLately = replicaBehindAt != 0 && now - replicaBehindAt < REPLICA_MEMORY.toNanos();
        if (s.blockedByUs() > 0) {
            return new LatencyController.Pressure(true, s.blockedByUs() + (s.blockedByUs() == 1 ? " session waits" : " sessions wait")
                    + " for rows rowsweep has locked", null);
        }
        double meanRunning = 0;
        int n = Math.min(loadSamples, LOAD_WINDOW);
        for (int i = 0; i < n; i++) {
            meanRunning += running[i];
        }
        meanRunning /= Math.max(1, n);
        if (s.known() && meanRunning > loadThreshold()) {
            return new LatencyController.Pressure(true, String.format(Locale.ROOT, "load: %.1f other sessions running statements"
                    + " (%.1f before the run, max-load %d)", meanRunning, loadBefore, loadThreshold()), null);
        }
        return new LatencyController.Pressure(application, null, null, replicaBehindLately);
    }

    private int loadThreshold() {
        int max = config.maxLoad();
        return max > 0 ? max : (int) Math.ceil(2 * loadBefore) + 2;
    }

    /** One probe on a pooled connection: its latency, or the probe's timeout when it failed (down, timed out, locked). */
    private long probeOnce() {
        try (Connection c = Connections.borrow(dataSource, networkTimeout)) {
            c.setAutoCommit(true);
            return probe(c, limiter.reason());
        } catch (SQLException e) {
            // As slow as the probe may be. Retries and back-off elsewhere handle outages.
            LOG.debug("latency probe failed: {}", e.toString());
            return Duration.ofSeconds(JobStore.PROBE_TIMEOUT_SECONDS).toNanos();
        }
    }

    private long probe(Connection c, String throttle) throws SQLException {
        long t0 = System.nanoTime();
        store.probe(c, job, clock.millis(), throttle);
        return System.nanoTime() - t0;
    }

    private void report(double allowed, String reason, long now) {
        if (Double.isInfinite(allowed) || now - lastReport < REPORT_EVERY.toNanos()) {
            return;
        }
        lastReport = now;
        if (allowed <= 0) {
            LOG.info("latency guard: {}: paused", reason);
        } else {
            LOG.info("latency guard: {}, so at most {} rows/s, chunks of at most {} rows", reason, Math.round(allowed),
                    limiter.chunkCeiling());
        }
    }

    /** What kind of signal a reason is, for the closing summary: its words before the first number ("replica lag"). */
    static String kind(String reason) {
        if (reason == null) {
            return "max-rows-per-second";
        }
        int cut = reason.length();
        for (int i = 0; i < reason.length(); i++) {
            char ch = reason.charAt(i);
            if (Character.isDigit(ch) || ch == ':' || ch == '(') {
                cut = i;
                break;
            }
        }
        return reason.substring(0, cut).trim();
    }

    /**
     * Stops probing without waiting for a probe in progress: the database stopped answering, and
     * the probe would only end with its timeout.
     */
    void abandon() {
        closed = true;
        if (prober != null) {
            prober.shutdown();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            // No interrupt: it could land inside a probe's JDBC call and break its pooled connection.
            try {
                thread.join(Duration.ofSeconds(1).toMillis());
                prober.shutdown();
                prober.awaitTermination(JobStore.PROBE_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (throttledNanos > 0) {
                List<String> parts = new ArrayList<>();
                throttledBy.forEach((k, v) -> parts.add(k + " " + Format.seconds(Duration.ofNanos(v))));
                LOG.info("latency guard: the run was slowed down for {} ({})", Format.seconds(Duration.ofNanos(throttledNanos)),
                        String.join(", ", parts));
            }
        }
        if (replicas != null) {
            replicas.close();
        }
    }

    /** Time slowed down so far, by what slowed it down (for the summary and the report). */
    Map<String, Duration> throttledBy() {
        Map<String, Duration> out = new LinkedHashMap<>();
        throttledBy.forEach((k, v) -> out.put(k, Duration.ofNanos(v)));
        return out;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** Durations as people read them in these logs. */
    private static final class Format {
        static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
    }
}
