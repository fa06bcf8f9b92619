package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identifiers are data, never SQL: a table and columns whose names hold both quote characters and
 * a semicolon are validated (row checks and a set-based uniqueness check) and updated end to end,
 * because every name rowsweep puts into SQL is quoted by the dialect. (That such names, when no
 * table has them, are reported as unknown and never run is in {@link BadInputCatalogueTest}.)
 */
abstract class OddIdentifiersContractTest {

    static final String TABLE = "we\"ird`; DROP TABLE x";
    static final String TITLE = "ti\"tle`; x";
    static final String SLUG = "sl;ug";
    static final int ROWS = 3_000;

    abstract DatabaseKind kind();

    TestSchema db;
    @TempDir
    Path dir;

    /** The name quoted for the test's own SQL (the test, not rowsweep, must quote it here). */
    String q(String name) {
        return db.isMysqlFamily() ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @BeforeEach
    void createOddTable() {
        db = TestDatabases.newSchema(kind());
        db.execute("CREATE TABLE x (id INT PRIMARY KEY)", // what the names would drop if they were ever run as SQL
                "CREATE TABLE " + q(TABLE) + " (id INT PRIMARY KEY, " + q(TITLE) + " VARCHAR(40), " + q(SLUG) + " VARCHAR(40) NOT NULL,"
                        + " n INT NOT NULL)",
                "INSERT INTO " + q(TABLE) + " SELECT g.i, CASE WHEN MOD(g.i, 7) = 0 THEN '' ELSE 'title' END,"
                        + " CASE WHEN MOD(g.i, 11) = 0 THEN 'same' ELSE CONCAT('s', g.i) END, 0 FROM " + db.series(ROWS),
                "CREATE INDEX odd_slug ON " + q(TABLE) + " (" + q(SLUG) + ")");
    }

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void validateFindsExactlyWhatSqlFindsOnOddlyNamedTablesAndColumns() throws Exception {
        // YAML single-quoted keys: the names as they are, quotes and semicolons included
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "tables:\n  '" + TABLE + "':\n    columns:\n      '" + TITLE
                + "': [NotBlank]\n    unique: [['" + SLUG + "']]\n");
        Path out = dir.resolve("v.jsonl");
        Cli.Result r = Cli.run("validate", "--url", db.url(), "--rules", rules.toString(), "--out", out.toString(), "--workers", "2",
                "--max-chunk-rows", "500", "-q");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        long blank = db.queryLong("SELECT count(*) FROM " + q(TABLE) + " WHERE " + q(TITLE) + " = ''");
        long duplicated = db.queryLong("SELECT count(*) FROM " + q(TABLE) + " WHERE " + q(SLUG) + " = 'same'");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.stream().filter(l -> l.contains("\"constraint\":\"NotBlank\""))).hasSize((int) blank);
        assertThat(lines.stream().filter(l -> l.contains("\"constraint\":\"Unique\""))).hasSize((int) duplicated);
        assertThat(db.queryLong("SELECT count(*) FROM x")).as("the table the names mention is still there").isZero();
    }

    @Test
    void updateChangesEveryRowOnceOnAnOddlyNamedTable() {
        Cli.Result r = Cli.run("update", "--url", db.url(), "--table", TABLE, "--set", "n = n + 1", "--workers", "2",
                "--max-chunk-rows", "500", "-q");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + q(TABLE) + " WHERE n = 1")).isEqualTo(ROWS);
        assertThat(db.queryLong("SELECT count(*) FROM x")).isZero();
    }
}
