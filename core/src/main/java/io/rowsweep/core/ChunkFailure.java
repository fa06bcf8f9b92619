package io.rowsweep.core;

/** A chunk that failed for good, with the error (which names the row's key when a row caused it). */
public record ChunkFailure(String table, int chunk, String range, int attempts, String error) {
}
