package io.rowsweep.demo.internal;

import io.rowsweep.demo.SeedRule;

import java.util.EnumSet;
import java.util.Set;

/**
 * The invalid rows the generator plants: row number {@code i} (1..n, not the id) gets a defect
 * when {@code i mod period == residue}. Residues are distinct modulo 1000, so no row gets two
 * defects, and every table, even at scale 0.01 (220 rows), has each kind.
 */
public enum Defect {
    NULL_TITLE(1000, 7, "NULL", null, EnumSet.of(SeedRule.TITLE_NOT_BLANK)),
    EMPTY_TITLE(1000, 13, "''", null, EnumSet.of(SeedRule.TITLE_NOT_BLANK)),
    SPACES_TITLE(1000, 19, "'   '", null, EnumSet.of(SeedRule.TITLE_NOT_BLANK)),
    /** 12 x 26 characters after the label: over the 255 allowed. */
    LONG_TITLE(1000, 23, "CONCAT('%s ', g.i, ' ', REPEAT('with a title far too long ', 12))", null, EnumSet.of(SeedRule.TITLE_SIZE)),
    NULL_BODY(1000, 29, null, "NULL", EnumSet.of(SeedRule.BODY_NOT_BLANK)),
    EMPTY_BODY(1000, 31, null, "''", EnumSet.of(SeedRule.BODY_NOT_BLANK)),
    /** One row in 5000 breaks two rules at once. */
    NULL_TITLE_AND_BODY(5000, 37, "NULL", "NULL", EnumSet.of(SeedRule.TITLE_NOT_BLANK, SeedRule.BODY_NOT_BLANK));

    private final int period;
    private final int residue;
    private final String title;
    private final String body;
    private final Set<SeedRule> breaks;

    Defect(int period, int residue, String title, String body, Set<SeedRule> breaks) {
        this.period = period;
        this.residue = residue;
        this.title = title;
        this.body = body;
        this.breaks = breaks;
    }

    /** SQL condition on {@code g.i} selecting the rows with this defect. */
    String when() {
        return "MOD(g.i, " + period + ") = " + residue;
    }

    /** SQL value of the title for these rows ({@code %s} stands for the model name), or null if the title is valid. */
    String title() {
        return title;
    }

    /** SQL value of the body for these rows, or null if the body is valid. */
    String body() {
        return body;
    }

    public Set<SeedRule> breaks() {
        return breaks;
    }

    /** How many of the row numbers 1..n have this defect. */
    public long rowsAmong(long n) {
        return n < residue ? 0 : (n - residue) / period + 1;
    }
}
