package io.rowsweep.bench;

/**
 * What a contender's run found; the harness checks both against SQL counts over the data.
 *
 * @param rows        rows read and validated
 * @param invalidRows rows breaking at least one rule
 */
public record ContenderResult(long rows, long invalidRows) {
}
