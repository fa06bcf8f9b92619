package io.rowsweep.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application, played by pgbench in a process of its own: a steady rate of short transactions
 * ({@code -R}), each logged with its latency ({@code -l}). With a rate, pgbench measures each
 * transaction from the moment it was scheduled, so a client stuck behind a lock does not hide the
 * transactions it could not start meanwhile.
 */
public final class PgbenchLoad {

    /** Where the database is, as libpq takes it. */
    public record Target(String host, int port, String database, String user, String password) {
    }

    private final Process process;
    private final Path logPrefix;
    private final Path output;

    private PgbenchLoad(Process process, Path logPrefix, Path output) {
        this.process = process;
        this.logPrefix = logPrefix;
        this.output = output;
    }

    /**
     * Starts pgbench running {@code script} at {@code rate} transactions per second over
     * {@code clients} connections, for at most {@code longest}; its logs go to {@code dir}.
     *
     * @param variables {@code -D name=value} for the script
     */
    public static PgbenchLoad start(String pgbench, Target target, Path script, Map<String, String> variables, int clients,
                                    int rate, Duration longest, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of(pgbench, "-n", "-M", "prepared", "-h", target.host(), "-p",
                Integer.toString(target.port()), "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-R", Integer.toString(rate), "-T", Long.toString(longest.toSeconds()), "-f", script.toString(), "-l",
                "--log-prefix", dir.resolve("tx").toString()));
        if (target.user() != null) {
            command.addAll(List.of("-U", target.user()));
        }
        variables.forEach((k, v) -> command.addAll(List.of("-D", k + "=" + v)));
        command.add(target.database());
        Path output = dir.resolve("pgbench.out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (target.password() != null) {
            pb.environment().put("PGPASSWORD", target.password());
        }
        return new PgbenchLoad(pb.start(), dir.resolve("tx"), output);
    }

    /** Whether pgbench still runs (it stops on its own only on an error, or after the longest time). */
    public boolean running() {
        return process.isAlive();
    }

    /** What pgbench printed (its errors, when it stopped early). */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /**
     * Stops pgbench (SIGTERM; its last few buffered log lines are lost, so stop it a little after
     * the last window that matters) and returns every transaction it logged.
     */
    public List<AppTransaction> stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        List<AppTransaction> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(logPrefix.getParent())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(logPrefix.getFileName() + ".")).toList()) {
                all.addAll(AppTransaction.parse(Files.readAllLines(f)));
            }
        }
        return all;
    }
}
