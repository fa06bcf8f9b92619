package io.rowsweep.core.internal.schema;

/**
 * A table as the user named it: {@code posts} or {@code app.posts}.
 *
 * @param namespace the schema (MySQL/MariaDB: database), or null for the connection's current one
 */
public record TableRef(String namespace, String name) {

    /** Parses {@code name} or {@code namespace.name}; a quoted part ({@code "a.b"}) may contain dots. */
    public static TableRef parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty table name");
        }
        int dot = splitDot(t);
        if (dot < 0) {
            return new TableRef(null, unquote(t));
        }
        return new TableRef(unquote(t.substring(0, dot)), unquote(t.substring(dot + 1)));
    }

    private static int splitDot(String t) {
        boolean quoted = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"' || c == '`') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '`') && s.charAt(s.length() - 1) == s.charAt(0)) {
            String q = String.valueOf(s.charAt(0));
            return s.substring(1, s.length() - 1).replace(q + q, q);
        }
        return s;
    }

    @Override
    public String toString() {
        return namespace == null ? name : namespace + "." + name;
    }
}
