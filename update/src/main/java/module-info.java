/** {@code update}: fixes or backfills rows in exactly-once chunks, with SQL or a Java {@link io.rowsweep.update.spi.RowFix}. */
module io.rowsweep.update {
    requires transitive io.rowsweep.core;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports io.rowsweep.update;
    exports io.rowsweep.update.spi;

    provides io.rowsweep.core.spi.job.SweepJobFactory with io.rowsweep.update.internal.UpdateJobFactory;
}
