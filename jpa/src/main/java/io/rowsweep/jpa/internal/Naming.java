package io.rowsweep.jpa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Physical names as Spring Boot's JPA setup derives them (Hibernate's
 * {@code CamelCaseToUnderscoresNamingStrategy}): dots become underscores, an underscore goes
 * before an upper-case letter that sits between a lower-case letter or digit and a lower-case
 * letter or digit, and everything is lower-cased. So {@code firstName} is {@code first_name},
 * {@code BlogPost} is {@code blog_post}, and {@code homeURL} is {@code homeurl}.
 */
public final class Naming {

    private Naming() {
    }

    public static String snakeCase(String name) {
        StringBuilder b = new StringBuilder(name.replace('.', '_'));
        for (int i = 1; i < b.length() - 1; i++) {
            if (underscoreBefore(b.charAt(i - 1), b.charAt(i), b.charAt(i + 1))) {
                b.insert(i++, '_');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean underscoreBefore(char before, char current, char after) {
        return (Character.isLowerCase(before) || Character.isDigit(before)) && Character.isUpperCase(current)
                && (Character.isLowerCase(after) || Character.isDigit(after));
    }

    /**
     * The names to look for, best first: an explicit name as written, then its snake case (Spring
     * applies the physical naming to explicit names too); an implicit name's snake case, then the
     * name as written (an app configured with the standard physical naming).
     */
    public static List<String> candidates(String explicit, String implicit) {
        List<String> out = new ArrayList<>(2);
        if (explicit != null) {
            out.add(explicit);
            add(out, snakeCase(explicit));
        } else {
            out.add(snakeCase(implicit));
            add(out, implicit);
        }
        return out;
    }

    private static void add(List<String> list, String name) {
        if (!list.contains(name)) {
            list.add(name);
        }
    }
}
