/**
 * The benchmark's machinery: forked runs, plain checks, the Spring Batch job's configuration, the
 * rowsweep core job. No compatibility guarantees.
 */
package io.rowsweep.bench.internal;
