/**
 * A JUnit 5 extension, {@link io.rowsweep.junit.ValidRows @ValidRows}, that fails a test class (or
 * a test) when rows of the test database break the entity model or a rules file.
 */
package io.rowsweep.junit;
