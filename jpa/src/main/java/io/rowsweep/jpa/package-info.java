/**
 * The application's entity model as rowsweep sees it: {@link io.rowsweep.jpa.EntityClasses}
 * loads entity classes from a user class path in their own class loader, without initialising
 * the application. Mapping annotations are read by name, so both {@code jakarta.persistence}
 * and the legacy {@code javax.persistence} work.
 */
package io.rowsweep.jpa;
