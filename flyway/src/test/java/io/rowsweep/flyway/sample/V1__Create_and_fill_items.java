package io.rowsweep.flyway.sample;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Statement;

/** The sample's table, filled with the placeholder {@code rows} rows, each with counter 0 (PostgreSQL or MariaDB). */
public class V1__Create_and_fill_items extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        long rows = Long.parseLong(context.getConfiguration().getPlaceholders().get("rows"));
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, counter INT NOT NULL, payload VARCHAR(40))");
            String series = Dialect.of(context).equals("PostgreSQL") ? "generate_series(1, " + rows + ") AS g(i)"
                    : "(SELECT seq AS i FROM seq_1_to_" + rows + ") g";
            s.execute("INSERT INTO item (id, counter, payload) SELECT i, 0, CONCAT('row ', i) FROM " + series);
        }
    }
}
