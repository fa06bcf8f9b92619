/** Backfills in Liquibase changelogs: queue an update in one changeset, make sure it finished in a later one. */
module io.rowsweep.liquibase {
    requires io.rowsweep.update;
    requires io.rowsweep.distributed;
    requires com.zaxxer.hikari;
    requires transitive liquibase.core; // the application brings its own; the changes implement its interfaces

    exports io.rowsweep.liquibase;
}
