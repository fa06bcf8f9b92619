/** What a Java-mode fix implements: {@link io.rowsweep.update.spi.RowFix}, and the {@link io.rowsweep.update.spi.Row} it sees. */
package io.rowsweep.update.spi;
