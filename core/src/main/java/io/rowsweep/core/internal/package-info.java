/**
 * rowsweep's internals: planning, execution, job state, dialects. No compatibility guarantees;
 * use the public API in {@code io.rowsweep.core} and the job modules instead.
 */
package io.rowsweep.core.internal;
