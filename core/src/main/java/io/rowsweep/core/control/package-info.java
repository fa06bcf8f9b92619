/**
 * Pausing, resuming and cancelling runs from any process, and reading their history:
 * {@link io.rowsweep.core.control.JobControl}.
 */
package io.rowsweep.core.control;
