package io.rowsweep.spring;

import io.rowsweep.core.RowSweepException;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code rowsweep.console.*} properties: whether the application serves the live console,
 * where, and whether it may start jobs. Read with the other {@code rowsweep.*} properties, so a bad
 * value stops the application whether the console is on or not.
 *
 * @param enabled  {@code rowsweep.console.enabled}, default {@code true} (in a servlet web application)
 * @param path     {@code rowsweep.console.path}, default {@value #DEFAULT_PATH}: where the console is, below the context path
 * @param readOnly {@code rowsweep.console.read-only}, default {@code false}: no buttons, every action refused
 */
record ConsoleProperties(boolean enabled, String path, boolean readOnly) {

    static final String ENABLED = "console.enabled";
    static final String PATH = "console.path";
    static final String READ_ONLY = "console.read-only";
    /** The names, below {@code rowsweep.}. */
    static final List<String> NAMES = List.of(ENABLED, PATH, READ_ONLY);
    static final String DEFAULT_PATH = "/rowsweep";

    /** Segments of unreserved characters only: the path is matched as written, and needs no encoding in links. */
    private static final Pattern VALID_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    static ConsoleProperties from(Environment environment) {
        String path = environment.getProperty(RowSweepProperties.PREFIX + PATH, DEFAULT_PATH).trim();
        String given = path;
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!VALID_PATH.matcher(path).matches()) {
            throw RowSweepException.usage(RowSweepProperties.PREFIX + PATH + ": '" + given + "' is not a path the console can be at: give"
                    + " one like " + DEFAULT_PATH + " or /ops/rowsweep (below the context path; letters, digits, '-', '_', '.' and '~'"
                    + " between the slashes; not / itself, which is the application's).");
        }
        return new ConsoleProperties(RowSweepProperties.flag(environment, ENABLED, true), path,
                RowSweepProperties.flag(environment, READ_ONLY, false));
    }
}
