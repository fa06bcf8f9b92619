package io.rowsweep.validation.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Lets tests read CSV violation files with the same parser the summary uses. */
public final class CsvTestAccess {

    private CsvTestAccess() {
    }

    public static List<List<String>> records(BufferedReader in) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> r;
        while ((r = ViolationCounts.csvRecord(in)) != null) {
            out.add(r);
        }
        return out;
    }
}
