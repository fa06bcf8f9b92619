/** The entry point: {@link io.rowsweep.RowSweep}. */
module io.rowsweep {
    requires transitive io.rowsweep.validation;
    requires transitive io.rowsweep.update;
    requires transitive io.rowsweep.distributed;

    exports io.rowsweep;
}
