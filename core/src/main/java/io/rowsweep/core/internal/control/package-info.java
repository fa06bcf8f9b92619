/** {@link io.rowsweep.core.control.JobControl} on the job state. No compatibility guarantees. */
package io.rowsweep.core.internal.control;
