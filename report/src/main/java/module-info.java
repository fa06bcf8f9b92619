/**
 * Runs as HTML, from the job state: the run report file, and the live console ({@link io.rowsweep.report.Console})
 * with its pages and its server.
 */
module io.rowsweep.report {
    requires transitive io.rowsweep.core;
    requires org.slf4j;
    requires jdk.httpserver;

    exports io.rowsweep.report;
    // the report's data and pages, which the command line draws its own views and reports with
    exports io.rowsweep.report.internal to io.rowsweep.cli;
}
