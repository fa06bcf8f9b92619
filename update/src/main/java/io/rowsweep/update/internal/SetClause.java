package io.rowsweep.update.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the columns a SQL {@code SET} list assigns ({@code a = 1, "b" = f(x, y), (c, d) = (1, 2)}),
 * so an update that would change a key column is refused before it runs: a row whose key changes
 * can move into a chunk not yet processed and be updated twice. A scanner, not a parser: it skips
 * string literals, quoted identifiers and parentheses, and only looks at the left of each
 * top-level {@code =}.
 */
public final class SetClause {

    private SetClause() {
    }

    /** The assigned column names, unquoted, without table qualifiers, in order of appearance. */
    public static List<String> assignedColumns(String set) {
        List<String> columns = new ArrayList<>();
        for (String assignment : splitTopLevel(set, ',')) {
            int eq = indexOfTopLevel(assignment, '=');
            if (eq < 0) {
                continue;
            }
            String target = assignment.substring(0, eq).trim();
            if (target.startsWith("(") && target.endsWith(")")) {
                for (String name : splitTopLevel(target.substring(1, target.length() - 1), ',')) {
                    columns.add(unqualified(name.trim()));
                }
            } else {
                columns.add(unqualified(target));
            }
        }
        return columns;
    }

    /** {@code t."Name"} → {@code Name}; {@code `a``b`} → {@code a`b}; {@code col} → {@code col}. */
    static String unqualified(String name) {
        List<String> parts = splitTopLevel(name, '.');
        String last = parts.get(parts.size() - 1).trim();
        if (last.length() >= 2) {
            char q = last.charAt(0);
            if ((q == '"' || q == '`') && last.charAt(last.length() - 1) == q) {
                return last.substring(1, last.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
            }
        }
        return last;
    }

    /** Splits at {@code separator} where it is outside quotes and parentheses. */
    static List<String> splitTopLevel(String sql, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at : topLevel(sql, separator)) {
            parts.add(sql.substring(start, at));
            start = at + 1;
        }
        parts.add(sql.substring(start));
        return parts;
    }

    /** The index of the first top-level {@code c} (see {@link #topLevel}), or -1. */
    static int indexOfTopLevel(String sql, char c) {
        List<Integer> all = topLevel(sql, c);
        return all.isEmpty() ? -1 : all.get(0);
    }

    /**
     * The indexes of {@code c} outside quotes and parentheses; for {@code =}, those that are not
     * part of {@code <=}, {@code >=}, {@code !=} or {@code :=}.
     */
    private static List<Integer> topLevel(String sql, char c) {
        List<Integer> found = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                i = endOfQuoted(sql, i);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == c && depth == 0 && (c != '=' || i == 0 || "<>!:".indexOf(sql.charAt(i - 1)) < 0)) {
                found.add(i);
            }
        }
        return found;
    }

    /** The index of the quote closing the quoted text opened at {@code start} (a doubled quote is an escaped one); the length when none does. */
    static int endOfQuoted(String sql, int start) {
        char q = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }
}
