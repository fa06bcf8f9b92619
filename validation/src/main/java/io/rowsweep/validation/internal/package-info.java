/**
 * The validate job's internals: rules, row checks, set-based checks, the violations file. No
 * compatibility guarantees; use {@link io.rowsweep.validation.Validation} instead.
 */
package io.rowsweep.validation.internal;
