package io.rowsweep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code docs/BENCHMARKS.md} is shared by several benchmarks: each writes its own section, between
 * {@code <!-- BEGIN name -->} and {@code <!-- END name -->}, and keeps the rest of the file.
 */
final class MarkdownSections {

    static final String FILE_HEADER = "# Benchmarks\n\nNumbers measured with the `bench` module. Each section was written by"
            + " the command it shows, on the machine it describes; compare ratios measured in the same run, not absolute"
            + " times across machines.\n";

    private MarkdownSections() {
    }

    static String begin(String section) {
        return "<!-- BEGIN " + section + " -->";
    }

    static String end(String section) {
        return "<!-- END " + section + " -->";
    }

    /**
     * Replaces the section {@code name} of {@code file} with {@code markdown} (which starts with its
     * begin marker and ends with its end marker), or appends it; creates the file if needed.
     */
    static void write(Path file, String section, String markdown) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : FILE_HEADER;
        int from = text.indexOf(begin(section));
        int to = text.indexOf(end(section));
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + markdown + text.substring(to + end(section).length()).replaceFirst("^\n", "");
        } else {
            text = text + (text.endsWith("\n\n") ? "" : "\n") + markdown;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text);
    }
}
