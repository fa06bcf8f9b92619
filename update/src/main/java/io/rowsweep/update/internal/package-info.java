/**
 * How updates run on the core engine: the job, its chunk processors, the SQL they generate.
 * No compatibility guarantees; use {@link io.rowsweep.update.Update} instead.
 */
package io.rowsweep.update.internal;
