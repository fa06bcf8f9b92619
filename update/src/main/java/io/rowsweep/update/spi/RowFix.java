package io.rowsweep.update.spi;

/**
 * A fix written in Java: it sees each row of the table, one at a time, and says what to change
 * ({@link Row#set}) or that the row goes ({@link Row#delete}). Rows it leaves alone are not
 * written.
 *
 * <pre>{@code
 * public final class FixServiceFees implements RowFix {
 *     public void fix(Row row) {
 *         if (row.getInt("service_fee") == 1) {
 *             row.set("service_fee_amount", row.getBigDecimal("amount").multiply(new BigDecimal("0.1")));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Each chunk of rows is fixed in one transaction, with its rows locked, so the application
 * cannot change a row between the moment the fix reads it and the moment its change is written.
 * If {@code fix} throws, the chunk rolls back and fails with the row's key and the exception's
 * message. A fix given as a class name ({@code --fix com.acme.FixServiceFees}) needs a public
 * no-argument constructor; each worker thread gets its own instance. A fix given as an object is
 * called from all workers at once and must be thread-safe (a stateless lambda is).
 *
 * <p>The fix must not change the row's key and should not have side effects outside the
 * database: a chunk that is retried (a deadlock, a lost connection) or rolled back runs the fix
 * again on the same rows.
 */
@FunctionalInterface
public interface RowFix {

    /**
     * Looks at one row and records what to change. {@code row} is only valid during this call.
     *
     * @throws Exception to fail the row's chunk (its message is recorded with the row's key)
     */
    void fix(Row row) throws Exception;
}
