package io.rowsweep.cli;

import io.rowsweep.testkit.ChildJvm;
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
 * Memory is bounded in bytes, not only in rows: a table whose rows hold 1 to 5 MB of text each
 * (about 360 MB in all) is validated and fixed in Java by the {@code rowsweep} process with its
 * default settings in a 256 MB heap. With fetches and chunks counted in rows alone, one fetch of
 * the default 1,000 rows would hold the whole table. Every row is checked, and fixed exactly once.
 */
abstract class WideRowsContractTest {

    static final int ROWS = 120;
    static final String RULES = String.join("\n",
            "tables:",
            "  wide:",
            "    columns:",
            "      body: [NotBlank]",
            "      n: [{Max: {value: 0}}]",
            "");

    abstract DatabaseKind kind();

    TestSchema db;
    @TempDir
    Path dir;

    @BeforeEach
    void createData() {
        db = TestDatabases.newSchema(kind());
        // 32-character md5 text repeated: 1 MB to 5 MB a row; every 10th row has n = 1 (breaks the rule Max 0).
        db.execute("CREATE TABLE wide (id BIGINT PRIMARY KEY, n INT NOT NULL, body " + textType() + ")",
                "INSERT INTO wide SELECT g.i, CASE WHEN MOD(g.i, 10) = 0 THEN 1 ELSE 0 END,"
                        + " REPEAT(MD5(CAST(g.i AS CHAR(10))), 32768 * (1 + MOD(g.i, 5))) FROM " + db.series(ROWS));
    }

    /** A column type that holds 5 MB of text. */
    String textType() {
        return "TEXT";
    }

    @AfterEach
    void dropData() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void megabyteRowsAreValidatedAndFixedWithTheDefaultsInA256MegabyteHeap() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        Path out = dir.resolve("violations.jsonl");
        long invalid = db.queryLong("SELECT count(*) FROM wide WHERE n > 0");
        String validated = run(1, "validate", "--url", db.url(), "--rules", rules.toString(), "--out", out.toString());
        assertThat(validated).contains(" " + ROWS + " ");
        assertThat(Files.readAllLines(out)).hasSize((int) invalid);

        long lengthBefore = db.queryLong("SELECT sum(CHAR_LENGTH(body)) FROM wide");
        run(0, "update", "--url", db.url(), "--table", "wide", "--fix", WideRowsFix.class.getName());
        assertThat(db.queryLong("SELECT count(*) FROM wide WHERE n <> 1 + CASE WHEN MOD(id, 10) = 0 THEN 1 ELSE 0 END"))
                .as("rows not fixed exactly once").isZero();
        assertThat(db.queryLong("SELECT sum(CHAR_LENGTH(body)) FROM wide")).isEqualTo(lengthBefore + ROWS);
    }

    /** Runs the rowsweep command in a JVM of its own with a 256 MB heap; returns its output, asserting its exit code (1: violations found). */
    private String run(int expectedExit, String... args) throws Exception {
        ChildJvm child = ChildJvm.start(RowSweepCli.class, List.of("-Xmx256m"), args);
        int exit = child.waitFor(600);
        String output = child.output();
        child.cleanUp();
        assertThat(exit).as(output).isEqualTo(expectedExit);
        return output;
    }
}
