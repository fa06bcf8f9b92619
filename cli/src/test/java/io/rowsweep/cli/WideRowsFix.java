package io.rowsweep.cli;

import io.rowsweep.update.spi.Row;
import io.rowsweep.update.spi.RowFix;

/** A Java fix that rewrites a wide text value and counts its visits: each row it changes holds megabytes until its chunk writes. */
public final class WideRowsFix implements RowFix {

    @Override
    public void fix(Row row) {
        row.set("body", row.getString("body") + "!");
        row.set("n", row.getInt("n") + 1);
    }
}
