package io.rowsweep.bench.internal;

import io.rowsweep.demo.model.Content;

/** The seed's rules written by hand, as the floor applies them: no validator, no reflection. */
public final class PlainChecks {

    private PlainChecks() {
    }

    /** {@code @NotBlank title}, {@code @Size(max = 255) title} and {@code @NotBlank body} of {@link Content}. */
    public static boolean valid(String title, String body) {
        return notBlank(title) && title.length() <= Content.TITLE_MAX && notBlank(body);
    }

    /** As Hibernate Validator's {@code @NotBlank}: not null, and something left after {@link String#trim()}. */
    private static boolean notBlank(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > ' ') {
                return true;
            }
        }
        return false;
    }
}
