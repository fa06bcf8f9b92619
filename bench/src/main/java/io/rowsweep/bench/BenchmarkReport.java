package io.rowsweep.bench;

import io.rowsweep.demo.SeedBaseline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A benchmark's results as a Markdown section: the command that produced it, the machine, the
 * method, one row per contender and worker count, ratios measured in the same run, and the seed's
 * own numbers for context. {@link #writeTo} replaces the section of the same name in a file and
 * keeps the rest, so several benchmarks share {@code docs/BENCHMARKS.md}.
 *
 * @param section    the section's name in the file, e.g. {@code validate}
 * @param baseline   the contender every other is compared with (the floor)
 * @param peer       the contender the others are measured against head to head, or null
 * @param note       free text about the conditions (e.g. other work on the machine), or null
 * @param loadBefore one-minute load average when the benchmark started (-1 if unknown)
 * @param loadAfter  the same when it ended
 */
public record BenchmarkReport(String section, String title, String command, MachineInfo machine, BenchmarkHarness harness,
                              List<Measurement> measurements, String baseline, String peer, String note, Instant startedAt,
                              Duration elapsed, double loadBefore, double loadAfter) {

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append(begin()).append('\n');
        md.append("## ").append(title).append(" (").append(DateTimeFormatter.ISO_LOCAL_DATE.format(startedAt.atOffset(ZoneOffset.UTC)))
                .append(")\n\n");
        md.append("Command, from the repository root:\n\n```\n").append(command).append("\n```\n\n");
        md.append("Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores");
        if (machine.memoryBytes() > 0) {
            md.append(", ").append(String.format(Locale.ROOT, "%.1f", machine.memoryBytes() / (1024.0 * 1024 * 1024))).append(" GiB");
        }
        md.append("; ").append(machine.os()).append("; ").append(machine.jvm()).append("; ").append(machine.database())
                .append(" (").append(machine.driver()).append("), same machine. Load average ").append(load(loadBefore))
                .append(" at the start, ").append(load(loadAfter)).append(" at the end; the run took ")
                .append(elapsed.toMinutes()).append(" min ").append(elapsed.toSecondsPart()).append(" s.");
        if (note != null && !note.isBlank()) {
            md.append(' ').append(note.trim());
        }
        md.append("\n\n");
        md.append("Method: ").append(harness.forked()
                ? "every run is a JVM of its own" + (harness.jvmOptions().isEmpty() ? "" : " (`" + String.join(" ", harness.jvmOptions()) + "`)")
                + ", timed from process start to exit (JVM start and framework start-up included); \"in run\" is the contender's own work inside it"
                + (measurements.stream().anyMatch(m -> m.medianRunSeconds() < 0)
                        ? " (\"-\" for a program started as its users start it, measured from outside)" : "")
                : "all runs in one JVM");
        md.append("; ").append(harness.warmups()).append(" warm-up round(s), then ").append(harness.repetitions())
                .append(" measured round(s), each running every contender at every worker count in turn; medians (ratios are of medians;"
                        + " \"best\" is the fastest run). Rows/s and ratios use the process time. Every run found ")
                .append(count(harness.expected().rows())).append(" rows and ").append(count(harness.expected().invalidRows()))
                .append(" invalid rows, as SQL over the data counts.\n\n");

        boolean cpu = measurements.stream().anyMatch(m -> m.medianCpuSeconds() >= 0);
        md.append("| contender | workers | median s | best s | median s in run | rows/s | x floor's rows/s | x own 1-worker speed | peak RSS |")
                .append(cpu ? " CPU s | other CPU s |\n" : "\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|").append(cpu ? "--:|--:|\n" : "\n");
        for (Measurement m : measurements) {
            md.append("| ").append(m.contender()).append(" | ").append(m.workers()).append(" | ").append(secs(m.medianWallSeconds()))
                    .append(" | ").append(secs(m.bestWallSeconds())).append(" | ").append(m.medianRunSeconds() >= 0 ? secs(m.medianRunSeconds()) : "-").append(" | ").append(count(Math.round(m.rowsPerSecond())))
                    .append(" | ").append(find(baseline, m.workers()).map(b -> ratio(b.medianWallSeconds() / m.medianWallSeconds())).orElse("-"))
                    .append(" | ").append(find(m.contender(), 1).map(one -> ratio(one.medianWallSeconds() / m.medianWallSeconds())).orElse("-"))
                    .append(" | ").append(m.peakRssBytes() > 0 ? m.peakRssBytes() / (1024 * 1024) + " MB" : "-").append(" |");
            if (cpu) {
                md.append(' ').append(m.medianCpuSeconds() >= 0 ? secs(m.medianCpuSeconds()) : "-").append(" | ")
                        .append(m.medianOtherCpuSeconds() >= 0 ? secs(m.medianOtherCpuSeconds()) : "-").append(" |");
            }
            md.append('\n');
        }
        if (cpu) {
            md.append("\nCPU s: CPU time of the run's whole process, all threads (the JIT compilers' too); other CPU s: what the rest"
                    + " of the machine used meanwhile, mostly the database when it runs on the same machine. Medians.\n");
        }
        md.append('\n');
        headToHead(md);
        md.append("Contenders:\n\n");
        for (Contender c : harness.contenders()) {
            md.append("- `").append(c.name()).append("`: ").append(c.description()).append('\n');
        }
        md.append('\n');
        seedContext(md);
        md.append(end()).append('\n');
        return md.toString();
    }

    private void headToHead(StringBuilder md) {
        if (peer == null || measurements.stream().noneMatch(m -> m.contender().equals(peer))) {
            return;
        }
        md.append("Head to head: the peer's median time divided by the contender's, at the same worker count (above 1 = faster than ")
                .append(peer).append("), of the whole process and of the contender's own run (its framework's start-up included;"
                        + " the JVM's start and the connection pool, the same for every contender, left out).\n\n");
        List<Integer> workers = harness.workers();
        md.append("| contender vs ").append(peer);
        workers.forEach(w -> md.append(" | ").append(w).append(w == 1 ? " worker" : " workers"));
        md.append(" |\n|---").append("|--:".repeat(workers.size())).append("|\n");
        headToHeadRows(md, "whole process", Measurement::medianWallSeconds);
        if (harness.forked()) {
            headToHeadRows(md, "in run", Measurement::medianRunSeconds);
        }
        md.append('\n');
    }

    /** One row per contender: the peer's {@code seconds} over the contender's, at each worker count. */
    private void headToHeadRows(StringBuilder md, String what, java.util.function.ToDoubleFunction<Measurement> seconds) {
        for (Contender c : harness.contenders()) {
            if (c.name().equals(peer) || c.name().equals(baseline)
                    || measurements.stream().noneMatch(m -> m.contender().equals(c.name()) && seconds.applyAsDouble(m) >= 0)) {
                continue;
            }
            md.append("| ").append(c.name()).append(", ").append(what);
            for (int w : harness.workers()) {
                Optional<Measurement> mine = find(c.name(), w);
                Optional<Measurement> theirs = find(peer, w);
                double ours = mine.map(seconds::applyAsDouble).orElse(-1.0);
                double peers = theirs.map(seconds::applyAsDouble).orElse(-1.0);
                md.append(" | ").append(ours > 0 && peers > 0 ? ratio(peers / ours) : "-");
            }
            md.append(" |\n");
        }
    }

    private void seedContext(StringBuilder md) {
        md.append("For context only, the seed's own numbers (valid_data, Ruby, its author's machine; it timed 5 passes in a row,"
                + " shown here per pass):\n\n| valid_data | processes | s for 5 passes | s per pass | rows/s |\n|---|--:|--:|--:|--:|\n");
        for (SeedBaseline b : SeedBaseline.PUBLISHED) {
            md.append("| ").append(b.run()).append(" | ").append(b.processes()).append(" | ").append(secs(b.totalSeconds()))
                    .append(" | ").append(secs(b.secondsPerPass())).append(" | ").append(count(Math.round(b.rowsPerSecond()))).append(" |\n");
        }
        md.append('\n');
    }

    private Optional<Measurement> find(String contender, int workers) {
        return measurements.stream().filter(m -> m.contender().equals(contender) && m.workers() == workers).findFirst();
    }

    /** Writes this section into {@code file}: replaces a section of the same name, or appends it; creates the file if needed. */
    public void writeTo(Path file) throws IOException {
        MarkdownSections.write(file, section, toMarkdown());
    }

    private String begin() {
        return MarkdownSections.begin(section);
    }

    private String end() {
        return MarkdownSections.end(section);
    }

    private static String load(double l) {
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }
}
