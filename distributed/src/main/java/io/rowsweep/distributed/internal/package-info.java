/**
 * How a job is shared among processes on db-scheduler: the queue of chunks, the planner, the
 * worker registry, their tables. No compatibility guarantees; use {@code io.rowsweep.distributed}.
 */
package io.rowsweep.distributed.internal;
