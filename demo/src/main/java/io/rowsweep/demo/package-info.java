/**
 * The seed's benchmark schema as reusable code, for {@code rowsweep demo}, tests and benchmarks:
 * {@link io.rowsweep.demo.SeedSchema} creates and loads the seven tables at any scale and counts
 * their invalid rows by SQL; {@link io.rowsweep.demo.model} holds the entity classes,
 * {@link io.rowsweep.demo.SeedSchema#RULES_RESOURCE} the equivalent rules file, and
 * {@link io.rowsweep.demo.EmbeddedDemoDatabase} a PostgreSQL server for machines without one.
 */
package io.rowsweep.demo;
