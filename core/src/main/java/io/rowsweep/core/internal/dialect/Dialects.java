package io.rowsweep.core.internal.dialect;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.Dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Picks the dialect for a connection: dialects added through {@link ServiceLoader} first, then the built-in ones. */
public final class Dialects {

    private Dialects() {
    }

    public static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        List<Dialect> candidates = new ArrayList<>();
        ServiceLoader.load(Dialect.class).forEach(candidates::add);
        // Driver before product: MariaDB's driver talking to MySQL still streams the MariaDB way.
        candidates.add(new MariaDbDialect());
        candidates.add(new MySqlDialect());
        candidates.add(new PostgresDialect());
        candidates.add(new H2Dialect());
        for (Dialect d : candidates) {
            if (d.supports(md)) {
                return d;
            }
        }
        throw RowSweepException.configuration("rowsweep does not support " + md.getDatabaseProductName()
                + " (driver " + md.getDriverName() + ") yet; supported: PostgreSQL, MariaDB, MySQL, H2."
                + " Add a dialect through META-INF/services/io.rowsweep.core.spi.Dialect.");
    }
}
