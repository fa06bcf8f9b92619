/** The Maven plugin's internals: no compatibility guarantees. */
package io.rowsweep.maven.internal;
