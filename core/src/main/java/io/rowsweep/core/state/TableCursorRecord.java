package io.rowsweep.core.state;

/**
 * A table's planning state in {@code rowsweep_table}.
 *
 * @param frontier  the upper bound of the last chunk planned (null: none planned yet)
 * @param exhausted whether the open-ended last chunk has been planned
 */
public record TableCursorRecord(String table, int order, long estimatedRows, int nextChunk, String[] frontier, boolean exhausted) {
}
