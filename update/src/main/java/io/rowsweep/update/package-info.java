/**
 * Mass-fix or backfill a table in parallel key-range chunks, exactly once per chunk and
 * resumable after a crash: {@link io.rowsweep.update.Update}.
 */
package io.rowsweep.update;
