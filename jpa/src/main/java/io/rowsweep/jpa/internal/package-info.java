/**
 * How rowsweep reads an application's JPA mapping and binds rows to entities. No compatibility
 * guarantees; use {@link io.rowsweep.jpa.EntityClasses} and the job modules instead.
 */
package io.rowsweep.jpa.internal;
