/**
 * The application's entity model as rowsweep sees it: {@link io.rowsweep.jpa.EntityClasses}
 * loads entity classes from a user class path (jars, folders, Spring Boot executable jars and
 * wars read in place) in their own class loader, without initialising the application. Their
 * mapping comes from Hibernate ORM's boot metamodel.
 */
package io.rowsweep.jpa;
