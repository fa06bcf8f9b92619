package io.rowsweep.update.internal;

/**
 * A fix threw on a row. The message names the fix, the table and the row's key but not the cause's
 * message, which the engine's one-line description appends ("...: fee must not be negative").
 */
final class FixFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FixFailedException(String fix, String table, String key, Throwable cause) {
        super("fix " + fix + " failed on " + table + " row " + key + " with " + cause.getClass().getSimpleName(), cause);
    }
}
