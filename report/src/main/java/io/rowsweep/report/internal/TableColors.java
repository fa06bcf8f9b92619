package io.rowsweep.report.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per table, the same in every chart and table of the report. The largest tables get
 * distinct colours; beyond the palette, tables share the grey of "other tables". Red is kept for
 * failed chunks.
 */
final class TableColors {

    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#5b6bbf"};
    static final String OTHER = "#a1a1aa";
    static final String FAILED = "#dc2626";

    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final boolean hasOther;

    /** @param tables table names, largest first */
    TableColors(List<String> tables) {
        for (String t : tables) {
            if (index.size() < PALETTE.length) {
                index.put(t, index.size());
            }
        }
        hasOther = tables.size() > PALETTE.length;
    }

    /** The colour slot of a table: 0..{@link #PALETTE} length - 1, or {@link #otherSlot()}. */
    int slot(String table) {
        Integer i = index.get(table);
        return i == null ? otherSlot() : i;
    }

    int otherSlot() {
        return PALETTE.length;
    }

    int slots() {
        return PALETTE.length + 1;
    }

    String color(int slot) {
        return slot < PALETTE.length ? PALETTE[slot] : OTHER;
    }

    String color(String table) {
        return color(slot(table));
    }

    /** Legend entries in order: the coloured tables, then "other tables" if some share the grey. */
    Map<String, String> legend() {
        Map<String, String> legend = new LinkedHashMap<>();
        index.forEach((t, i) -> legend.put(t, PALETTE[i]));
        if (hasOther) {
            legend.put("other tables", OTHER);
        }
        return legend;
    }

    String label(int slot) {
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (e.getValue() == slot) {
                return e.getKey();
            }
        }
        return "other tables";
    }
}
