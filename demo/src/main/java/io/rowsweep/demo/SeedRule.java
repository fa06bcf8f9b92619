package io.rowsweep.demo;

import io.rowsweep.demo.model.Content;

/**
 * The constraints of the seed's models ({@link Content}), each with the SQL condition that is true
 * exactly for the rows breaking it, so validation results can be checked against the data.
 */
public enum SeedRule {
    /** {@code @NotBlank title}. */
    TITLE_NOT_BLANK("title", "NotBlank", "title IS NULL OR TRIM(title) = ''"),
    /** {@code @Size(max = 255) title}; a null title does not break it. */
    TITLE_SIZE("title", "Size", "CHAR_LENGTH(title) > " + Content.TITLE_MAX),
    /** {@code @NotBlank body}. */
    BODY_NOT_BLANK("body", "NotBlank", "body IS NULL OR TRIM(body) = ''");

    private final String column;
    private final String constraint;
    private final String violatedWhen;

    SeedRule(String column, String constraint, String violatedWhen) {
        this.column = column;
        this.constraint = constraint;
        this.violatedWhen = violatedWhen;
    }

    public String column() {
        return column;
    }

    /** The Bean Validation constraint's simple name, as a violation record or rules file names it. */
    public String constraint() {
        return constraint;
    }

    /**
     * Portable SQL (PostgreSQL, MariaDB, H2) true for the rows that break this rule. SQL's TRIM
     * removes spaces only, where Java's removes all control characters too; the generated data
     * blanks titles and bodies with spaces only, so both agree on it.
     */
    public String violatedWhen() {
        return violatedWhen;
    }

    /** SQL true for the rows that break at least one rule: the invalid rows. */
    public static String anyViolated() {
        StringBuilder b = new StringBuilder();
        for (SeedRule r : values()) {
            b.append(b.length() == 0 ? "" : " OR ").append('(').append(r.violatedWhen).append(')');
        }
        return b.toString();
    }
}
