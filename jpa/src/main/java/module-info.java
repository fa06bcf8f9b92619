/** Reads the user's JPA entity model: entity classes found on the application's class path, mapped by Hibernate's own metamodel. */
module io.rowsweep.jpa {
    requires transitive io.rowsweep.core;
    requires org.slf4j;
    requires io.github.classgraph;
    requires org.hibernate.orm.core;
    requires jakarta.persistence;
    requires static spring.boot.loader; // only to read Spring Boot fat jars, when the loader is there

    exports io.rowsweep.jpa;
    exports io.rowsweep.jpa.internal to io.rowsweep.validation;
}
