package io.rowsweep.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's {@code chromium} package), to check that a report renders. */
final class Chromium {

    private Chromium() {
    }

    /** The chromium executable on the PATH, or null. */
    static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Renders {@code html} headless into {@code png}, {@code width} x {@code height} pixels. */
    static void screenshot(Path chromium, Path html, Path png, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("rowsweep-chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
    }
}
