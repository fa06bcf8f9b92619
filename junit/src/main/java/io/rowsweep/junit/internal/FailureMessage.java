package io.rowsweep.junit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowsweep.core.ChunkFailure;
import io.rowsweep.core.RunStatus;
import io.rowsweep.junit.ValidRows;
import io.rowsweep.validation.Coverage;
import io.rowsweep.validation.TableValidation;
import io.rowsweep.validation.ValidationSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The assertion message of a check that found something: the invalid rows' count per table, then
 * the first violations, one a line, each with its table, key, property (or column) and message;
 * entities that could not be checked; a run that failed.
 */
final class FailureMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    private FailureMessage() {
    }

    /** The failure message, or empty when every row is valid and every entity was checked. */
    static Optional<String> of(ValidationSummary summary, String when, ValidRows spec, String origin) {
        List<Coverage> skipped = summary.coverage().stream().filter(c -> Coverage.SKIPPED.equals(c.status())).toList();
        RunStatus status = summary.run().status();
        boolean ended = status == RunStatus.DONE || status == RunStatus.ALREADY_DONE;
        if (summary.violationCount() == 0 && skipped.isEmpty() && ended) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("@ValidRows ").append(when).append(": ");
        if (summary.violationCount() > 0) {
            b.append(count(summary.invalidRows(), "invalid row")).append(" (").append(invalidByTable(summary)).append("), ")
                    .append(count(summary.rowsChecked(), "row")).append(" checked in ").append(origin).append(':').append(NL);
            violations(b, summary.violations(), spec.maxViolations(), summary.violationCount(), spec.out().isEmpty());
        } else if (ended) {
            b.append("every row checked is valid (").append(count(summary.rowsChecked(), "row")).append(" in ").append(origin)
                    .append("), but not every entity could be checked:").append(NL);
        } else {
            b.append("the validation of ").append(origin).append(" did not finish (").append(status.name().toLowerCase(Locale.ROOT))
                    .append(").").append(NL);
        }
        for (Coverage c : skipped) {
            b.append("  not checked: ").append(c.name()).append(c.table() == null ? "" : " (" + c.table() + ")").append(": ")
                    .append(c.reason().replaceFirst("\\.$", "")).append(" (or leave it out: exclude = \"").append(c.name())
                    .append("\").").append(NL);
        }
        for (ChunkFailure f : summary.run().failures()) {
            b.append("  failed: table ").append(f.table()).append(", rows ").append(f.range()).append(" (")
                    .append(count(f.attempts(), "attempt")).append("): ").append(f.error()).append(NL);
        }
        return Optional.of(b.toString().stripTrailing());
    }

    private static String invalidByTable(ValidationSummary summary) {
        List<String> parts = new ArrayList<>();
        for (TableValidation t : summary.tables()) {
            if (t.violations() > 0) {
                parts.add(t.table() + ": " + t.invalidRows());
            }
        }
        return String.join(", ", parts);
    }

    /** The first {@code max} violations of the file, then how many more there are. */
    private static void violations(StringBuilder b, Path file, int max, long total, boolean temporary) {
        int shown = 0;
        try (MappingIterator<JsonNode> records = JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (shown < max && records.hasNext()) {
                b.append("  ").append(line(records.next())).append(NL);
                shown++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("@ValidRows cannot read its violations file " + file, e);
        }
        if (total > shown) {
            b.append("  ... and ").append(count(total - shown, "more violation")).append(" (maxViolations = ").append(max)
                    .append(temporary ? "; out = \"target/violations.jsonl\" keeps them all" : "; all in " + file.toAbsolutePath())
                    .append(')').append(NL);
        }
    }

    /** {@code table customer, key {"id":2}, property email: must be a well-formed email address (Email, value "x")}. */
    static String line(JsonNode r) {
        StringBuilder b = new StringBuilder("table ").append(text(r, "table")).append(", key ").append(r.path("key"));
        String property = text(r, "property");
        String column = text(r, "column");
        if (property != null) {
            b.append(", property ").append(property);
        } else if (column != null) {
            b.append(", column ").append(column);
        }
        b.append(": ").append(text(r, "message")).append(" (").append(text(r, "constraint"));
        JsonNode value = r.get("value");
        if (value != null) {
            b.append(", value ").append(value);
        }
        return b.append(')').toString();
    }

    private static String text(JsonNode r, String field) {
        JsonNode n = r.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
