package io.rowsweep.core.internal.schema;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.schema.Key;
import io.rowsweep.core.spi.schema.KeyKind;
import io.rowsweep.core.spi.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Checks, before a job writes anything, that a table's key survives the trip rowsweep makes it
 * take: its first and last keys (where {@code -infinity}, {@code infinity} and {@code NaN} sort),
 * read as text and bound back with their casts, must each find their own row. A key type that
 * loses anything on the way (a fraction, a case, a time zone) is refused here in one line instead
 * of skipping or repeating rows later.
 */
final class KeyProbe {

    private KeyProbe() {
    }

    static void check(Connection c, Dialect dialect, Table table) throws SQLException {
        Key key = table.key();
        if (key.kind() == KeyKind.ROW_LOCATOR) {
            return;
        }
        String qualified = dialect.qualify(table.namespace(), table.name());
        String reads = String.join(", ", key.namedReads(dialect::quote));
        String ascending = String.join(", ", key.expressions());
        String descending = String.join(" DESC, ", key.expressions()) + " DESC";
        String find = "SELECT count(*) FROM " + qualified + " WHERE " + key.equalsBound();
        for (String order : List.of(ascending, descending)) {
            String[] text = edge(c, "SELECT " + reads + " FROM " + qualified + " ORDER BY " + order + " LIMIT 1", key.size());
            if (text == null) {
                return; // an empty table: nothing to lose
            }
            long found;
            try (PreparedStatement ps = c.prepareStatement(find)) {
                for (int i = 0; i < text.length; i++) {
                    ps.setString(i + 1, text[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    found = rs.getLong(1);
                }
            } catch (SQLException e) {
                throw refused(table, text, "binding it back failed: " + e.getMessage(), e);
            }
            if (found == 0) {
                throw refused(table, text, "bound back, it finds no row", null);
            }
        }
    }

    private static String[] edge(Connection c, String sql, int size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String[] text = new String[size];
            for (int i = 0; i < size; i++) {
                text[i] = rs.getString(i + 1);
            }
            return text;
        }
    }

    private static RowSweepException refused(Table table, String[] text, String what, Exception cause) {
        List<String> types = table.key().types().stream().map(t -> t.sqlType()).toList();
        return new RowSweepException(io.rowsweep.core.ErrorCode.CONFIGURATION, "Table '" + table.label() + "': its "
                + table.key().describe() + " of type " + String.join(", ", types) + " does not survive being named as text: the key "
                + Arrays.toString(text) + " was read, but " + what + ". rowsweep would skip or repeat rows, so it stops before"
                + " writing anything. Split the table by another unique NOT NULL index.", cause);
    }
}
