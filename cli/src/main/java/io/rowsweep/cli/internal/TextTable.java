package io.rowsweep.cli.internal;

import io.rowsweep.report.internal.Format;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals: columns padded to their widest cell, numbers and durations right-aligned. */
public final class TextTable {

    private final List<String> headers;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; cells are printed with {@code String.valueOf}, numbers grouped ({@code 1,234}). */
    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            text[i] = c instanceof Long || c instanceof Integer ? Format.count(((Number) c).longValue()) : String.valueOf(c);
        }
        rows.add(text);
        return this;
    }

    public String render() {
        int n = headers.size();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
            right[i] = !rows.isEmpty();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
                right[i] &= r[i].matches("[-+~]?\\d\\S*|–|-");
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, headers.toArray(new String[0]), width, right);
        for (String[] r : rows) {
            line(b, r, width, right);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] width, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            l.append(i == 0 ? "" : "  ").append(right[i] ? pad + cells[i] : cells[i] + pad);
        }
        b.append(l.toString().stripTrailing()).append(System.lineSeparator());
    }
}
