package io.rowsweep.cli.internal.console;

import java.io.PrintStream;
import java.util.List;

/**
 * Standard error, shared by log lines and the live progress display. On a terminal the progress
 * display is a block of lines redrawn in place at the bottom; a log line printed meanwhile erases
 * the block, prints itself and draws the block again below it, so the two never garble each other.
 */
public final class LiveConsole {

    private static final String CURSOR_UP = "\u001b[%dA";
    private static final String ERASE_LINE = "\u001b[2K\r";
    private static final String ERASE_DOWN = "\u001b[J";

    private static final Object LOCK = new Object();
    private static List<String> live = List.of();

    private LiveConsole() {
    }

    /** Prints one line (a log line, a message) above the live block, if there is one. */
    public static void println(String line) {
        synchronized (LOCK) {
            PrintStream err = System.err;
            erase(err);
            err.println(line);
            draw(err);
            err.flush();
        }
    }

    /** Replaces the live block with these lines; each must fit the terminal's width. */
    public static void showLive(List<String> lines) {
        synchronized (LOCK) {
            PrintStream err = System.err;
            erase(err);
            live = List.copyOf(lines);
            draw(err);
            err.flush();
        }
    }

    /** Removes the live block. */
    public static void clearLive() {
        showLive(List.of());
    }

    private static void erase(PrintStream err) {
        if (!live.isEmpty()) {
            err.print(String.format(CURSOR_UP, live.size()) + ERASE_LINE + ERASE_DOWN);
        }
    }

    private static void draw(PrintStream err) {
        for (String l : live) {
            err.print(ERASE_LINE);
            err.println(l);
        }
    }
}
