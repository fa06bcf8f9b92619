package io.rowsweep.report.internal;

/**
 * One chunk as the report draws it. Times are epoch millis; {@code finishedAt} is 0 while running.
 *
 * @param status {@code DONE}, {@code FAILED} or {@code RUNNING} (unfinished: the run stopped or crashed during it)
 */
public record ReportChunk(String table, int number, String range, String worker, long startedAt, long finishedAt, long rows,
                          String status, int attempts, String error) {

    public boolean failed() {
        return "FAILED".equals(status);
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
