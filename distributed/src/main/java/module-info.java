/** Runs one job's chunks on many processes and hosts, the job state in the database coordinating them. */
module io.rowsweep.distributed {
    requires transitive io.rowsweep.core;
    requires org.slf4j;
    requires com.zaxxer.hikari;
    requires com.github.kagkarlsson.scheduler;

    exports io.rowsweep.distributed;

    provides io.rowsweep.core.internal.exec.DistributedExecutor with io.rowsweep.distributed.internal.DbSchedulerExecutor;
}
