/**
 * The peer: the seed's validation as a competent Spring Batch 6 user writes it. No compatibility
 * guarantees.
 */
package io.rowsweep.bench.internal.springbatch;
