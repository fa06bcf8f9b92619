/**
 * Runs as HTML, from the job state: the run report written at the end of a run ({@link io.rowsweep.report.internal.RunReport},
 * {@link io.rowsweep.report.internal.HtmlReport}), and the live console ({@link io.rowsweep.report.internal.ConsoleServer}),
 * which draws the same report while a run goes on. Internal: no compatibility promise.
 */
package io.rowsweep.report.internal;
