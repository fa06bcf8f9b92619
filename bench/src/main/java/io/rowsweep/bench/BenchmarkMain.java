package io.rowsweep.bench;

import io.rowsweep.core.RowSweepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.function.Predicate;

/** What every benchmark's {@code main} does the same way: parse, help, run, exit code; and the command line it reports. */
final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    /** Parses the arguments; an {@link IllegalArgumentException} is a usage error. */
    interface Parser<O> {
        O parse(String[] args);
    }

    /** Measures with the parsed options; returns the exit code. */
    interface Body<O> {
        int measure(O options) throws Exception;
    }

    private BenchmarkMain() {
    }

    /** Runs a benchmark; returns the exit code: 0 done, 2 usage or configuration error, 3 failed. */
    static <O> int run(String[] args, String usage, Parser<O> parser, Predicate<O> help, Body<O> body) {
        O options;
        try {
            options = parser.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            return 2;
        }
        if (help.test(options)) {
            System.out.println(usage);
            return 0;
        }
        try {
            return body.measure(options);
        } catch (RowSweepException e) {
            System.err.println(e.getMessage());
            return e.code().exitCode();
        } catch (Exception e) {
            LOG.error("Benchmark failed: {}", e.getMessage(), e);
            return 3;
        }
    }

    /** The run's command as someone would type it from the repository root; secrets replaced by ***. */
    static String command(Class<?> main, String[] args) {
        StringBuilder b = new StringBuilder("./mvnw -q -pl bench -am package -DskipTests\njava ");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-X")) {
                b.append(a).append(' ');
            }
        }
        b.append("-cp \"bench/target/classes:$(cat bench/target/classpath.txt)\" ").append(main.getName());
        return b.append(arguments(args)).toString();
    }

    /** The arguments as a shell takes them, each after a space; secrets replaced by ***. */
    static String arguments(String[] args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i > 0 && args[i - 1].equals("--password")) {
                a = "***";
            }
            a = a.replaceAll("(?i)(password=)[^&;]*", "$1***");
            b.append(' ').append(a.matches("[A-Za-z0-9_./:,=@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
