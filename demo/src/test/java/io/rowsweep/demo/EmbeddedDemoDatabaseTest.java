package io.rowsweep.demo;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL starts (also as root), takes the seed schema, and is gone after close. */
class EmbeddedDemoDatabaseTest {

    @Test
    void startsLoadsAndStops() throws Exception {
        String url;
        try (EmbeddedDemoDatabase db = EmbeddedDemoDatabase.start()) {
            url = db.jdbcUrl();
            assertThat(url).startsWith("jdbc:postgresql://").contains(":" + db.port() + "/");
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            SeedSchema seed = SeedSchema.atScale(0.01);
            seed.load(ds);
            List<TableCounts> counts = SeedSchema.count(ds);
            assertThat(counts).isEqualTo(seed.intended());
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url + "&connectTimeout=2").close()).isInstanceOf(SQLException.class);
    }
}
