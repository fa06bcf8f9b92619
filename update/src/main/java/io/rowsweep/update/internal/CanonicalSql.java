package io.rowsweep.update.internal;

/**
 * SQL with its spelling normalised, so the same update written twice is recognised as one job:
 * {@code v=v+1} and {@code v = v + 1}, a line break for a space, a comment more or less. Only
 * what cannot change the meaning is dropped: whitespace next to a symbol ({@code = + , ( )}),
 * runs of whitespace, and comments. Text in quotes ({@code 'a  b'}, {@code "Col"}, {@code `c`})
 * stays as written, and case is kept (MySQL's table names are case-sensitive).
 *
 * <p>A scanner, not a parser. Where the meaning of the spelling depends on the database (a
 * backslash in a string, PostgreSQL's {@code $$} quotes, MySQL's {@code /*! … *}{@code /}
 * comments that run, {@code --} without a following space), the text is only trimmed: two
 * spellings of the same update may then be taken as two jobs, never two updates as one.
 */
public final class CanonicalSql {

    private CanonicalSql() {
    }

    /** The canonical spelling of {@code sql}; null for null. */
    public static String of(String sql) {
        if (sql == null) {
            return null;
        }
        String trimmed = sql.strip();
        if (trimmed.indexOf('\\') >= 0 || trimmed.indexOf('$') >= 0 || trimmed.contains("/*!") || trimmed.contains("/*+")) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder(trimmed.length());
        boolean gap = false; // whitespace or a comment since the last token
        int i = 0;
        while (i < trimmed.length()) {
            char ch = trimmed.charAt(i);
            if (Character.isWhitespace(ch)) {
                gap = true;
                i++;
            } else if (ch == '-' && trimmed.startsWith("--", i)) {
                if (i + 2 < trimmed.length() && !Character.isWhitespace(trimmed.charAt(i + 2))) {
                    return trimmed; // a comment in PostgreSQL, two minus signs in MySQL
                }
                int eol = trimmed.indexOf('\n', i);
                i = eol < 0 ? trimmed.length() : eol;
                gap = true;
            } else if (ch == '/' && trimmed.startsWith("/*", i)) {
                int end = trimmed.indexOf("*/", i + 2);
                if (end < 0) {
                    return trimmed;
                }
                i = end + 2;
                gap = true;
            } else {
                int end = ch == '\'' || ch == '"' || ch == '`' ? SetClause.endOfQuoted(trimmed, i) + 1 : i + 1;
                if (end > trimmed.length()) {
                    return trimmed; // a quote never closed
                }
                if (gap && out.length() > 0 && symbol(out.charAt(out.length() - 1)) == symbol(ch)) {
                    out.append(' '); // between two words (x IS NULL), two quoted texts or two symbols (a * -1): kept
                }
                out.append(trimmed, i, end);
                gap = false;
                i = end;
            }
        }
        return out.toString();
    }

    /** Whether {@code ch} is a symbol (an operator, a bracket, a comma), not part of a word, a number or a quoted text. */
    private static boolean symbol(char ch) {
        return !(Character.isLetterOrDigit(ch) || ch == '_' || ch == '\'' || ch == '"' || ch == '`');
    }
}
