package io.rowsweep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.bench.internal.ForkedRun;
import io.rowsweep.bench.internal.MachineCpu;
import io.rowsweep.bench.internal.ProcessStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures contenders at several worker counts in one run: a warm-up round, then N measured
 * rounds, each round running every (contender, workers) pair once in turn, so drifting load on a
 * shared machine spreads over all of them instead of favouring whichever ran first. Every run's
 * rows and invalid rows must equal the expected counts (SQL over the data), or the benchmark
 * fails: a fast wrong answer measures nothing.
 *
 * <p>By default each run is a JVM of its own ({@link ForkedRun}), timed from process start to exit,
 * so a run pays JVM start, class loading and framework start-up as a user's does, and its peak
 * memory is its own. A contender that is a program of its own ({@link Contender#launch}) is started
 * as its users start it, and measured from outside.
 */
public final class BenchmarkHarness {

    /** Default: 1 warm-up round (not measured). */
    public static final int DEFAULT_WARMUPS = 1;
    /** Default: 3 measured rounds; the median is reported. */
    public static final int DEFAULT_REPETITIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkHarness.class);

    private final ConnectionSettings connection;
    private final List<Contender> contenders;
    private final List<Integer> workers;
    private final int warmups;
    private final int repetitions;
    private final boolean forked;
    private final List<String> jvmOptions;
    private final ContenderResult expected;

    private BenchmarkHarness(Builder b) {
        this.connection = b.connection;
        this.contenders = List.copyOf(b.contenders);
        this.workers = List.copyOf(b.workers);
        this.warmups = b.warmups;
        this.repetitions = b.repetitions;
        this.forked = b.forked;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.expected = b.expected;
    }

    public static Builder builder(ConnectionSettings connection) {
        return new Builder(connection);
    }

    public List<Contender> contenders() {
        return contenders;
    }

    public List<Integer> workers() {
        return workers;
    }

    public int warmups() {
        return warmups;
    }

    public int repetitions() {
        return repetitions;
    }

    public boolean forked() {
        return forked;
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public ContenderResult expected() {
        return expected;
    }

    /** Runs every round; returns one measurement per contender and worker count, in the order given. */
    public List<Measurement> run() throws Exception {
        Map<String, List<RunSample>> samples = new LinkedHashMap<>();
        int maxWorkers = workers.stream().mapToInt(Integer::intValue).max().orElseThrow();
        try (HikariDataSource pool = forked ? null : connection.pool(maxWorkers + 2, "bench")) {
            int rounds = warmups + repetitions;
            for (int round = 1; round <= rounds; round++) {
                boolean warmup = round <= warmups;
                for (Contender c : contenders) {
                    for (int w : workers) {
                        RunSample s = forked ? runForked(c, w) : runInProcess(pool, c, w);
                        check(c, w, s.result());
                        LOG.info("{} {}/{}: {} with {} worker(s): {} s (run {} s){}", warmup ? "warm-up" : "round",
                                warmup ? round : round - warmups, warmup ? warmups : repetitions, c.name(), w,
                                seconds(s.wallNanos()), s.runNanos() < 0 ? "-" : seconds(s.runNanos()),
                                (s.peakRssBytes() > 0 ? ", peak RSS " + s.peakRssBytes() / (1024 * 1024) + " MB" : "")
                                        + (s.cpuNanos() > 0 ? ", CPU " + seconds(s.cpuNanos()) + " s, other CPU " + seconds(s.otherCpuNanos()) + " s" : ""));
                        if (!warmup) {
                            samples.computeIfAbsent(c.name() + "\u0000" + w, k -> new ArrayList<>()).add(s);
                        }
                    }
                }
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Contender c : contenders) {
            for (int w : workers) {
                out.add(new Measurement(c.name(), w, samples.get(c.name() + "\u0000" + w)));
            }
        }
        return out;
    }

    private void check(Contender c, int w, ContenderResult result) {
        if (!result.equals(expected)) {
            throw new IllegalStateException(c.name() + " with " + w + " worker(s) found " + result.rows() + " rows and " + result.invalidRows()
                    + " invalid rows, but SQL over the data counts " + expected.rows() + " rows and " + expected.invalidRows()
                    + " invalid rows (every contender, the raw JDBC floor included, must agree). Its timing is void.");
        }
    }

    private static RunSample runInProcess(HikariDataSource pool, Contender c, int w) throws Exception {
        long start = System.nanoTime();
        ContenderResult result = c.run(pool, w);
        long nanos = System.nanoTime() - start;
        return new RunSample(nanos, nanos, result, -1);
    }

    private RunSample runForked(Contender c, int w) throws IOException, InterruptedException {
        Optional<Launch> launch = c.launch(connection, w, jvmOptions);
        if (launch.isPresent()) {
            return runLaunched(c, w, launch.get());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedRun.class.getName());
        command.add(c.getClass().getName());
        command.add(String.valueOf(w));
        Path log = Files.createTempFile("rowsweep-bench-" + c.name() + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().putAll(connection.toEnvironment());
        long machineBefore = MachineCpu.nanos();
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        long wall = System.nanoTime() - start;
        long machine = machineBefore < 0 ? -1 : MachineCpu.nanos() - machineBefore;
        String line = out.lines().filter(l -> l.startsWith(ForkedRun.RESULT + " ")).findFirst().orElse(null);
        if (p.exitValue() != 0 || line == null) {
            throw failed(c, w, "exit " + p.exitValue(), out + Files.readString(log), log);
        }
        Files.deleteIfExists(log);
        String[] f = line.split(" ");
        long cpu = Long.parseLong(f[5]);
        return new RunSample(wall, Long.parseLong(f[3]), new ContenderResult(Long.parseLong(f[1]), Long.parseLong(f[2])), Long.parseLong(f[4]),
                cpu, machine < 0 || cpu < 0 ? -1 : Math.max(0, machine - cpu));
    }

    /** A contender that is a program of its own, measured from outside: it does not report its own run time. */
    private RunSample runLaunched(Contender c, int w, Launch launch) throws IOException, InterruptedException {
        Path log = Files.createTempFile("rowsweep-bench-" + c.name() + "-", ".log");
        // In the temporary folder: a properties file in the working directory would change a program's settings.
        ProcessBuilder pb = new ProcessBuilder(launch.command()).redirectError(log.toFile())
                .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
        pb.environment().putAll(launch.environment());
        long machineBefore = MachineCpu.nanos();
        long childrenBefore = ProcessStats.childrenCpuNanos();
        long start = System.nanoTime();
        Process p = pb.start();
        ProcessStats.PeakRssWatch rss = ProcessStats.watch(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        long wall = System.nanoTime() - start;
        long machine = machineBefore < 0 ? -1 : MachineCpu.nanos() - machineBefore;
        long cpu = childrenBefore < 0 ? -1 : ProcessStats.childrenCpuNanos() - childrenBefore;
        String output = out + Files.readString(log);
        ContenderResult result;
        try {
            result = launch.output().read(p.exitValue(), output);
        } catch (IllegalStateException e) {
            throw failed(c, w, e.getMessage(), output, log);
        }
        Files.deleteIfExists(log);
        return new RunSample(wall, -1, result, rss.peakBytes(), cpu, machine < 0 || cpu < 0 ? -1 : Math.max(0, machine - cpu));
    }

    private static IllegalStateException failed(Contender c, int w, String why, String output, Path log) {
        return new IllegalStateException(c.name() + " with " + w + " worker(s) failed (" + why + "); its output:\n" + tail(output)
                + "\n(full log: " + log + ")");
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    /** Settings of a harness, checked when built. */
    public static final class Builder {
        private final ConnectionSettings connection;
        private final List<Contender> contenders = new ArrayList<>();
        private List<Integer> workers = List.of(1, 2, 4);
        private int warmups = DEFAULT_WARMUPS;
        private int repetitions = DEFAULT_REPETITIONS;
        private boolean forked = true;
        private List<String> jvmOptions = List.of();
        private ContenderResult expected;

        private Builder(ConnectionSettings connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /** Adds a contender; a forked run instantiates its class by its no-argument constructor. */
        public Builder contender(Contender contender) {
            contenders.add(Objects.requireNonNull(contender, "contender"));
            return this;
        }

        /** Worker counts to measure each contender at. Default: 1, 2, 4. */
        public Builder workers(List<Integer> workers) {
            this.workers = List.copyOf(workers);
            return this;
        }

        /** Rounds run first and not measured (they warm the database caches). Default: 1. */
        public Builder warmups(int warmups) {
            this.warmups = warmups;
            return this;
        }

        /** Measured rounds. Default: 3. */
        public Builder repetitions(int repetitions) {
            this.repetitions = repetitions;
            return this;
        }

        /** Each run in a JVM of its own (default: true), or all in this JVM. */
        public Builder forked(boolean forked) {
            this.forked = forked;
            return this;
        }

        /** JVM options of forked runs, e.g. {@code -Xmx64m}. Default: none. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** The rows and invalid rows every run must find (count them with SQL). Required. */
        public Builder expected(ContenderResult expected) {
            this.expected = expected;
            return this;
        }

        public BenchmarkHarness build() {
            if (contenders.isEmpty()) {
                throw new IllegalArgumentException("no contenders: add at least one");
            }
            if (workers.isEmpty() || workers.stream().anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("workers must be one or more counts of at least 1, not " + workers);
            }
            if (warmups < 0 || repetitions < 1) {
                throw new IllegalArgumentException("warmups must be >= 0 and repetitions >= 1, not " + warmups + " and " + repetitions);
            }
            if (expected == null) {
                throw new IllegalArgumentException("expected counts are required: without them a wrong result would be timed");
            }
            if (!forked && !jvmOptions.isEmpty()) {
                throw new IllegalArgumentException("JVM options " + jvmOptions + " apply to forked runs only");
            }
            return new BenchmarkHarness(this);
        }
    }
}
