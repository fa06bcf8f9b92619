/**
 * One job shared by many processes and machines: {@link io.rowsweep.distributed.Worker} joins a
 * job started with the {@code distributed} setting; {@link io.rowsweep.distributed.Workers} lists
 * who takes part. Chunks are queued, owned and recovered through db-scheduler in the job's database.
 */
package io.rowsweep.distributed;
