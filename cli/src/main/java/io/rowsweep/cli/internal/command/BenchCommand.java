package io.rowsweep.cli.internal.command;

import io.rowsweep.bench.ValidateBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rowsweep bench}: the validate benchmark of the bench module, in one run: the raw JDBC
 * scan floor, a Spring Batch partitioned-step job and rowsweep, at each worker count, as ratios.
 */
@Command(name = "bench",
        description = {"Measure, in one run on the seed's 7-table schema: a raw JDBC scan (the floor), a Spring Batch 6"
                + " partitioned-step job doing the same validation, and rowsweep validate, at each worker count. Prints ratios and"
                + " writes them to docs/BENCHMARKS.md (--out - for none). Options (passed to the benchmark):", ""},
        footer = {"Example:", "  rowsweep bench --url jdbc:postgresql://localhost:5432/test --user root --workers 1,2 --out -"})
public final class BenchCommand implements Callable<Integer> {

    /** The benchmark's own options, shown in this command's help (annotations take only constants). */
    public static void describeOptions(CommandSpec spec) {
        List<String> footer = new ArrayList<>(List.of(ValidateBenchmark.USAGE.split("\n")));
        footer.add("");
        footer.addAll(List.of(spec.usageMessage().footer()));
        spec.usageMessage().footer(footer.toArray(new String[0]));
    }

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return ValidateBenchmark.run(args.toArray(new String[0]));
    }
}
