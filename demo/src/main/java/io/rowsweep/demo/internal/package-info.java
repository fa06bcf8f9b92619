/**
 * How the demo schema is generated and counted (SQL per database). No compatibility guarantees;
 * use {@link io.rowsweep.demo.SeedSchema}.
 */
package io.rowsweep.demo.internal;
