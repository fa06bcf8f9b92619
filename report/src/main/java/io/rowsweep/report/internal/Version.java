package io.rowsweep.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** rowsweep's version, from the properties file Maven writes into the jar. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/rowsweep/report/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
