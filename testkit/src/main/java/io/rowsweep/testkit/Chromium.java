package io.rowsweep.testkit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's {@code chromium} package), to check that a report or a console page renders. */
public final class Chromium {

    private Chromium() {
    }

    /** The chromium executable on the PATH, or null. */
    public static Path find() {
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
    public static void screenshot(Path chromium, Path html, Path png, int width, int height) throws IOException, InterruptedException {
        screenshot(chromium, html.toUri().toString(), png, width, height);
    }

    /** Renders the page at {@code url} headless into {@code png}, {@code width} x {@code height} pixels. */
    public static void screenshot(Path chromium, String url, Path png, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("rowsweep-chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
    }

    /** How many colours a sample of every 7th pixel of {@code png} holds: a blank or error page has a handful, charts many. */
    public static int distinctColours(Path png, int expectedWidth) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image.getWidth() != expectedWidth) {
            throw new IOException(png + " is " + image.getWidth() + " pixels wide, not " + expectedWidth);
        }
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colors.add(image.getRGB(x, y));
            }
        }
        return colors.size();
    }
}
