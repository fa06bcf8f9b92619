package io.rowsweep.keys;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.RowSweep;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.validation.ValidationSummary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A MariaDB TIMESTAMP key in a session whose time zone repeats an hour each autumn: two instants
 * of that hour have one text, so no key value can name them apart. rowsweep refuses the table in
 * one line, before writing anything, and says how to give its sessions a fixed offset; with one,
 * every row is read.
 */
class MariaDbTimestampKeyZoneTest {

    @Test
    void aTimestampKeyInADaylightSavingSessionZoneIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        try (TestSchema db = TestDatabases.newSchema(DatabaseKind.MARIADB)) {
            Assumptions.assumeTrue(knowsBerlin(db), "the server has no time zone tables (mariadb-tzinfo-to-sql) and none could be loaded");
            db.execute("CREATE TABLE events (at TIMESTAMP(6) NOT NULL PRIMARY KEY, note VARCHAR(10))",
                    // Both halves of Berlin's repeated hour, 2026-10-25 02:00-03:00 local: 00:00-01:00 and 01:00-02:00 UTC.
                    "SET time_zone = '+00:00'",
                    "INSERT INTO events (at, note) SELECT TIMESTAMP'2026-10-24 23:30:00' + INTERVAL seq * 10 MINUTE, '' FROM seq_0_to_20");
            Path rules = Files.writeString(dir.resolve("rules.yaml"), "tables:\n  events:\n    columns:\n      note: [NotBlank]\n");
            try (HikariDataSource berlin = pool(db.url() + "&sessionVariables=time_zone='Europe/Berlin'")) {
                RowSweepException refused = catchThrowableOfType(RowSweepException.class, () -> RowSweep.validate(berlin).rules(rules)
                        .violationsTo(dir.resolve("v.jsonl")).job("tz-refused").run());
                assertThat(refused.code()).isEqualTo(ErrorCode.CONFIGURATION);
                assertThat(refused.getMessage()).contains("'at'", "TIMESTAMP", "daylight saving time", "sessionVariables=time_zone='+00:00'")
                        .doesNotContain("\n");
            }
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.name()
                    + "' AND TABLE_NAME LIKE 'rowsweep%'")).as("job state tables created").isZero();
            try (HikariDataSource utc = pool(db.url() + "&sessionVariables=time_zone='+00:00'")) {
                ValidationSummary s = RowSweep.validate(utc).rules(rules).violationsTo(dir.resolve("v.jsonl")).job("tz-fixed")
                        .minChunkRows(1).maxChunkRows(1).initialChunkRows(1).run();
                assertThat(s.rowsChecked()).isEqualTo(21);
                assertThat(s.invalidRows()).isEqualTo(21);
            }
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** Whether the server knows Europe/Berlin; where it does not and it is the local server, loads that zone as the MariaDB docs say. */
    private static boolean knowsBerlin(TestSchema db) throws Exception {
        if (db.queryString("SELECT CONVERT_TZ('2026-01-01 00:00:00', 'UTC', 'Europe/Berlin')") != null) {
            return true;
        }
        if (!db.url().startsWith("jdbc:mariadb://127.0.0.1:3306/") || !Files.isReadable(Path.of("/usr/share/zoneinfo/Europe/Berlin"))) {
            return false;
        }
        Process p = new ProcessBuilder("sh", "-c", "mariadb-tzinfo-to-sql /usr/share/zoneinfo/UTC UTC"
                + " && mariadb-tzinfo-to-sql /usr/share/zoneinfo/Europe/Berlin Europe/Berlin")
                .redirectErrorStream(false).start();
        Process load = new ProcessBuilder("mariadb", "-h127.0.0.1", "-uroot", "mysql").redirectErrorStream(true).start();
        p.getInputStream().transferTo(load.getOutputStream());
        load.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS) || !load.waitFor(60, TimeUnit.SECONDS)) {
            return false;
        }
        return db.queryString("SELECT CONVERT_TZ('2026-01-01 00:00:00', 'UTC', 'Europe/Berlin')") != null;
    }
}
