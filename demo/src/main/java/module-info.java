/**
 * The seed's benchmark schema as code: entity classes, rules file, loader, expected violations by SQL,
 * and an embedded PostgreSQL. Not published: the command line's demo and the benchmarks use it.
 */
module io.rowsweep.demo {
    requires transitive io.rowsweep.core;
    requires org.slf4j;
    // the entities carry their annotations
    requires transitive jakarta.persistence;
    requires transitive jakarta.validation;
    // Zonky's jar has no module name (so this one is its file's); the rowsweep jar leaves it out, and ./rowsweep demo
    // puts it on the class path beside the jar.
    requires static embedded.postgres;

    exports io.rowsweep.demo;
    exports io.rowsweep.demo.model;
    // Hibernate and Bean Validation read the entities' fields
    opens io.rowsweep.demo.model;
}
