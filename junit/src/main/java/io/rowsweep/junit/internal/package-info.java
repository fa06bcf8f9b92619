/** The extension's workings: finding the database, running the check, writing the failure. No compatibility guarantees. */
package io.rowsweep.junit.internal;
