/**
 * What a run watches so it slows down only when someone else feels it: the other sessions'
 * activity and waits on rowsweep's locks, and the replicas' lag. Internal: no compatibility
 * guarantees.
 */
package io.rowsweep.core.internal.throttle;
