/**
 * The command line's internals: options, progress display, run report, subcommands. No
 * compatibility guarantees; the command line itself (flags, exit codes) is the contract.
 */
package io.rowsweep.cli.internal;
