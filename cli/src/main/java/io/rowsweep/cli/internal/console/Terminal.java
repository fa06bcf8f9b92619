package io.rowsweep.cli.internal.console;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the terminal we run in can show.
 *
 * @param interactive a person watches: standard in and out are a terminal that is not "dumb", so
 *                    lines can be redrawn in place
 * @param width       columns, for cutting lines that would wrap
 * @param unicode     block characters print correctly
 * @param color       ANSI colours are welcome (not when {@code NO_COLOR} is set)
 */
public record Terminal(boolean interactive, int width, boolean unicode, boolean color) {

    /** What CI logs and redirected output get: plain lines, no colour. */
    public static final Terminal PLAIN = new Terminal(false, 120, false, false);

    private static final int DEFAULT_WIDTH = 100;

    /** Probes the current process's terminal. */
    public static Terminal detect() {
        return detect(System.console(), System.getenv());
    }

    static Terminal detect(Console console, Map<String, String> env) {
        String term = env.get("TERM");
        if (console == null || term == null || term.isBlank() || term.equals("dumb")) {
            return PLAIN;
        }
        boolean unicode = console.charset().equals(StandardCharsets.UTF_8);
        return new Terminal(true, width(env), unicode, !env.containsKey("NO_COLOR"));
    }

    private static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
            if (columns > 0) {
                return columns;
            }
        } catch (NumberFormatException ignored) {
            // not exported by most shells: ask the terminal below
        }
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return DEFAULT_WIDTH;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return DEFAULT_WIDTH;
            }
            String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return rowsCols.length == 2 ? Math.max(40, Integer.parseInt(rowsCols[1])) : DEFAULT_WIDTH;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
