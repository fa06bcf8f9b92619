/**
 * The rowsweep engine: plans key-range chunks, runs them on a connection per worker, keeps the
 * job state, throttles. Jobs plug in through {@code io.rowsweep.core.spi.job}; databases through
 * {@link io.rowsweep.core.spi.Dialect}.
 *
 * <p>Only the API ({@code io.rowsweep.core}) and the SPI packages are exported to everyone. The
 * internal packages are exported by name to the rowsweep modules built on them, and to no one
 * else: a reach into them from any other module fails to compile.
 */
module io.rowsweep.core {
    requires transitive java.sql;
    requires java.management;
    requires org.slf4j;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.databind;
    requires static org.postgresql.jdbc; // only to read PostgreSQL-specific errors when that driver is there

    exports io.rowsweep.core;
    exports io.rowsweep.core.spi;
    exports io.rowsweep.core.spi.schema;
    exports io.rowsweep.core.spi.job;
    exports io.rowsweep.core.state;
    exports io.rowsweep.core.control;

    exports io.rowsweep.core.internal to io.rowsweep.validation, io.rowsweep.update;
    exports io.rowsweep.core.internal.dialect to io.rowsweep.validation, io.rowsweep.distributed;
    exports io.rowsweep.core.internal.exec to io.rowsweep.validation, io.rowsweep.update, io.rowsweep.distributed;
    exports io.rowsweep.core.internal.plan to io.rowsweep.distributed;
    exports io.rowsweep.core.internal.schema to io.rowsweep.validation, io.rowsweep.cli;
    exports io.rowsweep.core.internal.state to io.rowsweep.distributed;

    uses io.rowsweep.core.spi.Dialect;
    uses io.rowsweep.core.spi.job.SweepJobFactory;
    uses io.rowsweep.core.internal.exec.DistributedExecutor;
}
