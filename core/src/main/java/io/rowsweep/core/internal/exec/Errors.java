package io.rowsweep.core.internal.exec;

import io.rowsweep.core.spi.Dialect;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/** Classifies and describes errors for retry decisions and one-line messages. */
public final class Errors {

    private Errors() {
    }

    /** Whether any SQL error in {@code t}'s cause chain is transient for this dialect. */
    public static boolean isTransient(Dialect dialect, Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (e instanceof SQLException && dialect.isTransient((SQLException) e)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the error means the run is being interrupted, not that the work failed. */
    public static boolean isInterruption(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (e instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line: the innermost useful message, with the SQLState when there is one, e.g.
     * {@code ERROR: column "x" does not exist (SQLState 42703)}.
     */
    public static String describe(Throwable t) {
        String message = describeOnly(t);
        return outOfMemory(t) ? message + ". " + OUT_OF_MEMORY_ADVICE : message;
    }

    /** What to do when rows did not fit in the heap: the settings that bound a worker's memory, and the heap itself. */
    static final String OUT_OF_MEMORY_ADVICE = "The rows did not fit in the Java heap: give the JVM more (JAVA_OPTS=-Xmx2g ./rowsweep ...),"
            + " or lower --worker-memory, --workers or --fetch-size, then re-run";

    /** Whether {@code t} or a cause of it is the JVM or the driver running out of memory (PostgreSQL's driver says 53200). */
    static boolean outOfMemory(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (e instanceof OutOfMemoryError || e instanceof SQLException && "53200".equals(((SQLException) e).getSQLState())
                    && e.getMessage() != null && e.getMessage().contains("Ran out of memory")) {
                return true;
            }
        }
        return false;
    }

    private static String describeOnly(Throwable t) {
        Throwable best = t;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = t; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (e.getMessage() != null && !e.getMessage().isBlank()) {
                best = e;
                if (e instanceof SQLException) {
                    break;
                }
            }
        }
        String message = best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
        message = message.replaceAll("\\s*\\n\\s*", " ").trim();
        if (best instanceof SQLException && ((SQLException) best).getSQLState() != null) {
            message += " (SQLState " + ((SQLException) best).getSQLState() + ")";
        }
        if (best != t && t.getMessage() != null && !t.getMessage().contains(message) && !(t instanceof SQLException)) {
            message = t.getMessage() + ": " + message;
        }
        return message;
    }
}
