package io.rowsweep.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@code main} class of the test class path in a separate JVM, for tests that kill a
 * process ({@code kill -9}) or bound its heap ({@code -Xmx64m}). Output goes to a log file that
 * failure messages can quote.
 */
public final class ChildJvm {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code main} with the given JVM options (e.g. {@code -Xmx64m}) and program arguments. */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("rowsweep-child-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(p, log);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process the hard way ({@code kill -9}): no shutdown hooks, no rollback but the database's own. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the exit code; fails after {@code seconds}. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM did not finish in " + seconds + " s; output:\n" + output());
        }
        return process.exitValue();
    }

    /** The child's output so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Deletes the log file. */
    public void cleanUp() {
        new File(log.toString()).delete();
    }
}
