package io.rowsweep.cli.internal.progress;

import io.rowsweep.cli.internal.TextTable;
import io.rowsweep.report.internal.Format;
import io.rowsweep.validation.Coverage;
import io.rowsweep.validation.TableValidation;
import io.rowsweep.validation.ValidationSummary;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a validate run for people: per table the rows checked, the invalid rows (each
 * counted once, whichever checks found it) and the violations; how the run ended; and what was
 * checked and what was left out, and why.
 */
public final class ValidationView {

    /** Skipped fields listed one per line; more are counted. */
    static final int MAX_SKIPPED_FIELDS = 20;

    private ValidationView() {
    }

    public static String summary(ValidationSummary s) {
        String nl = System.lineSeparator();
        TextTable t = new TextTable("TABLE", "ROWS", "INVALID ROWS", "VIOLATIONS");
        for (TableValidation table : s.tables()) {
            t.row(table.table(), table.rowsChecked(), table.invalidRows(), table.violations());
        }
        t.row("total", s.rowsChecked(), s.invalidRows(), s.violationCount());
        StringBuilder b = new StringBuilder(t.render());
        b.append(s.run().status().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" in ").append(Format.duration(s.run().elapsed()))
                .append(" (").append(Format.rate(s.rowsPerSecond())).append(" rows/s, ").append(s.run().workers())
                .append(s.run().workers() == 1 ? " worker)" : " workers)").append(nl);
        b.append(coverage(s.coverage()));
        return b.toString();
    }

    /** What was checked, what not and why: one line of counts, then each entity left out and each field not read. */
    static String coverage(List<Coverage> coverage) {
        if (coverage.isEmpty()) {
            return "";
        }
        String nl = System.lineSeparator();
        List<Coverage> checked = coverage.stream().filter(Coverage::checked).toList();
        Set<String> tables = new TreeSet<>();
        checked.forEach(c -> tables.add(c.table()));
        long fields = checked.stream().mapToLong(c -> c.fieldsChecked().size()).sum();
        long skippedFields = checked.stream().mapToLong(c -> c.fieldsSkipped().size()).sum();
        List<Coverage> left = coverage.stream().filter(c -> !c.checked()).toList();
        StringBuilder b = new StringBuilder("Checked ").append(plural(checked.size(), "entity", "entities")).append(" in ")
                .append(plural(tables.size(), "table", "tables")).append(", ").append(plural(fields, "field", "fields"));
        if (!left.isEmpty() || skippedFields > 0) {
            b.append("; not checked: ").append(plural(left.size(), "entity", "entities")).append(", ")
                    .append(plural(skippedFields, "field", "fields"));
        }
        b.append('.').append(nl);
        for (Coverage c : left) {
            b.append("  ").append(c.status()).append(": ").append(c.name()).append(c.table() == null ? "" : " (" + c.table() + ")")
                    .append(c.reason() == null ? "" : " - " + c.reason()).append(nl);
        }
        int shown = 0;
        for (Coverage c : checked) {
            for (String f : c.fieldsSkipped()) {
                if (shown++ < MAX_SKIPPED_FIELDS) {
                    b.append("  not read: ").append(c.name()).append('.').append(f).append(nl);
                }
            }
        }
        if (shown > MAX_SKIPPED_FIELDS) {
            b.append("  ... and ").append(shown - MAX_SKIPPED_FIELDS).append(" more fields not read (the report lists them all)").append(nl);
        }
        return b.toString();
    }

    private static String plural(long n, String one, String many) {
        return Format.count(n) + " " + (n == 1 ? one : many);
    }
}
