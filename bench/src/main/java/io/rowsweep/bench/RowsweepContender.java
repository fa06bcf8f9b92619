package io.rowsweep.bench;

import io.rowsweep.RowSweep;
import io.rowsweep.core.RunStatus;
import io.rowsweep.demo.SeedSchema;
import io.rowsweep.validation.ValidationSummary;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rowsweep's validate job as a user runs it, on the seed's entity classes with default settings
 * (chunks adapting to 1 s, one queue over all tables, largest first, a checkpoint per chunk),
 * violations written to a temporary JSON Lines file. A forked run starts the {@code rowsweep}
 * command of the repository the benchmark was built in ({@code ./rowsweep validate --classpath
 * <the demo's jar> --entities <its model package> ...}), so it pays the command's whole start;
 * in process it runs {@code RowSweep.validate(ds).entities(...)}.
 */
public final class RowsweepContender implements Contender {

    public static final String NAME = "rowsweep";

    /** The summary table's last line: {@code total <rows> <invalid rows> <violations>}. */
    private static final Pattern TOTAL = Pattern.compile("(?m)^total\\s+([\\d,]+)\\s+([\\d,]+)\\s+[\\d,]+\\s*$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "`rowsweep validate` (default settings) with the seed's entity classes: Hibernate Validator on every row, key-range"
                + " chunks of all tables in one queue, a checkpoint per chunk; a forked run is the `rowsweep` command as a user types"
                + " it (`./rowsweep validate --classpath demo.jar --entities io.rowsweep.demo.model --workers N --out FILE`)";
    }

    @Override
    public ContenderResult run(DataSource dataSource, int workers) {
        Path violations;
        try {
            violations = Files.createTempFile("rowsweep-bench-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ValidationSummary summary = RowSweep.validate(dataSource).entities(SeedSchema.entityClasses().toArray(new Class<?>[0]))
                .violationsTo(violations).workers(workers).restart(true).job("bench-validate").run();
        violations.toFile().delete();
        if (summary.run().status() != RunStatus.DONE) {
            throw new IllegalStateException("rowsweep run ended " + summary.run().status() + ": " + summary.run().failures());
        }
        return new ContenderResult(summary.rowsChecked(), summary.invalidRows());
    }

    @Override
    public Optional<Launch> launch(ConnectionSettings connection, int workers, List<String> jvmOptions) {
        Path script = location(RowsweepContender.class).resolve("../../../rowsweep").normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("The rowsweep command is not at " + script + ": run the benchmark from the repository it was"
                    + " built in (./rowsweep bench)");
        }
        Path violations;
        try {
            violations = Files.createTempFile("rowsweep-bench-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(script.toString(), "validate", "--classpath", location(SeedSchema.class).toString(),
                "--entities", SeedSchema.entityClasses().get(0).getPackageName(), "--workers", String.valueOf(workers),
                "--out", violations.toString(), "--restart", "--job", "bench-validate");
        Map<String, String> env = new HashMap<>();
        env.put("ROWSWEEP_URL", connection.url());
        if (connection.user() != null) {
            env.put("ROWSWEEP_USER", connection.user());
        }
        if (connection.password() != null) {
            env.put("ROWSWEEP_PASSWORD", connection.password());
        }
        if (!jvmOptions.isEmpty()) {
            env.put("JAVA_OPTS", String.join(" ", jvmOptions));
        }
        return Optional.of(new Launch(command, env, (exitCode, output) -> {
            violations.toFile().delete();
            return counts(exitCode, output);
        }));
    }

    /** The counts in the output of {@code rowsweep validate}: exit 0 (every row valid) or 1 (invalid rows found), and its summary. */
    static ContenderResult counts(int exitCode, String output) {
        Matcher total = TOTAL.matcher(output);
        boolean summarized = total.find();
        if (exitCode > 1 || !summarized) {
            throw new IllegalStateException("rowsweep validate exited " + exitCode + (summarized ? "" : " without its summary"));
        }
        return new ContenderResult(Long.parseLong(total.group(1).replace(",", "")), Long.parseLong(total.group(2).replace(",", "")));
    }

    /** The jar or folder {@code type} was loaded from. */
    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
