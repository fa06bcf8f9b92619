package io.rowsweep.core.spi.job;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The condition selecting one chunk's rows by key, as SQL with placeholders, and the chunk's
 * bounds to bind to them. Bounds are bound as the database's own text of the key values, cast in
 * the SQL, so a key round-trips exactly (its type, collation, fraction) whatever the JVM's zone.
 */
public interface RangeCondition {

    /** The condition, e.g. {@code ("id" > CAST(? AS bigint) AND "id" <= CAST(? AS bigint))}; {@code 1=1} for a whole-table task. */
    String sql();

    /**
     * Binds the chunk's bounds to this condition's placeholders, from index {@code first}.
     *
     * @return the next free placeholder index
     */
    int bind(PreparedStatement statement, int first) throws SQLException;
}
