package io.rowsweep.core.internal.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements of the state tables with their parameters bound by type, in the order the SQL lists
 * them: a {@code String} as a string, an {@code Integer} as an int, a {@code Long} as a long, an
 * enum constant as its name, {@link #NULL_BIGINT} (or another {@link Null}) as a null of its SQL
 * type, and a plain {@code null} as a null string (the state tables' only nullable columns that
 * take Java nulls are text). Anything else is a programming error.
 */
public final class Sql {

    /** A null of SQL type {@code type} ({@link Types}), for a column that is not text. */
    public record Null(int type) {
    }

    /** A null BIGINT: a time not reached yet. */
    public static final Null NULL_BIGINT = new Null(Types.BIGINT);

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    /** {@code value}, or a null BIGINT when it is null. */
    public static Object bigint(Long value) {
        return value == null ? NULL_BIGINT : value;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** Every row of a query, read by {@code row}. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row.read(rs));
            }
        }
        return rows;
    }

    /** The first row of a query, read by {@code row}; empty when there is none, or {@code row} reads it as null. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
        }
    }

    /** A statement of {@code sql} with {@code args} bound; the caller runs and closes it. */
    public static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object arg) throws SQLException {
        if (arg == null || arg instanceof String) {
            ps.setString(index, (String) arg);
        } else if (arg instanceof Integer) {
            ps.setInt(index, (Integer) arg);
        } else if (arg instanceof Long) {
            ps.setLong(index, (Long) arg);
        } else if (arg instanceof Enum<?>) {
            ps.setString(index, ((Enum<?>) arg).name());
        } else if (arg instanceof Null) {
            ps.setNull(index, ((Null) arg).type());
        } else {
            throw new IllegalArgumentException("parameter " + index + ": cannot bind a " + arg.getClass().getName());
        }
    }
}
