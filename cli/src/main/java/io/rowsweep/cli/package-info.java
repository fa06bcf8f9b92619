/**
 * The {@code rowsweep} command line: {@link io.rowsweep.cli.RowSweepCli} is its entry point. Its
 * flags mirror the settings of the Java API, with the same names.
 */
package io.rowsweep.cli;
