package io.rowsweep.cli;

import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.TableCounts;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate}, {@code update} and {@code demo} as a user runs them, on the seed's schema at
 * a small scale: exit codes, output, and results checked against SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobCommandsContractTest {

    abstract DatabaseKind kind();

    TestSchema db;
    long expectedInvalid;

    @TempDir
    Path dir;

    @BeforeAll
    void loadSeed() {
        db = TestDatabases.newSchema(kind());
        SeedSchema.atScale(0.01).load(db.dataSource());
        expectedInvalid = SeedSchema.count(db.dataSource()).stream().mapToLong(TableCounts::invalidRows).sum();
    }

    @AfterAll
    void drop() {
        if (db != null) { // null when the database is not available and the tests were skipped
            db.close();
        }
    }

    @Test
    void validateWithARulesFileFindsWhatSqlFindsAndExitsOne() throws Exception {
        Path rules = SeedSchema.writeRules(dir.resolve("rules.yaml"));
        Path out = dir.resolve("violations.jsonl");
        Path report = dir.resolve("run.html");
        Cli.Result r = Cli.run("validate", "--url", db.url(), "--rules", rules.toString(), "--out", out.toString(),
                "--workers", "2", "--report", report.toString(), "-q");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("posts").contains("violations in " + expectedInvalid + " rows");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.stream().map(l -> l.replaceAll(".*\"table\":\"([^\"]+)\",\"key\":(\\{[^}]*\\}).*", "$1 $2")).distinct().count())
                .isEqualTo(expectedInvalid);
        assertThat(Files.readString(report)).contains("<svg").contains("posts");
    }

    @Test
    void validateWithEntitiesSaysWhatWasCheckedAndWhatWasLeftOut() throws Exception {
        Path report = dir.resolve("entities.html");
        Cli.Result r = Cli.run("validate", "--url", db.url(), "--entities", "io.rowsweep.demo.model", "--exclude", "Essay",
                "--out", dir.resolve("entities.jsonl").toString(), "--report", report.toString(), "-q");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("TABLE").contains("INVALID ROWS").contains("Checked 6 entities in 6 tables, 18 fields;"
                + " not checked: 1 entity, 0 fields.").contains("excluded: Essay");
        assertThat(Files.readString(report)).contains("<h2>Coverage</h2>").contains("6 of 7 checked");
    }

    @Test
    void validateOnlyValidTablesExitsZeroAndUnknownTablesExitTwo() throws Exception {
        db.execute("CREATE TABLE clean (id INT PRIMARY KEY, title VARCHAR(20) NOT NULL)");
        db.execute("INSERT INTO clean VALUES (1, 'a'), (2, 'b')");
        Path rules = dir.resolve("clean.yaml");
        Files.writeString(rules, "tables:\n  clean:\n    columns:\n      title: [NotBlank]\n");
        Cli.Result ok = Cli.run("validate", "--url", db.url(), "--rules", rules.toString(), "--out", dir.resolve("c.jsonl").toString(), "-q");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();

        Files.writeString(rules, "tables:\n  clean_typo:\n    columns:\n      title: [NotBlank]\n");
        Cli.Result bad = Cli.run("validate", "--url", db.url(), "--rules", rules.toString(), "-q");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err().trim().lines()).hasSize(1).allMatch(l -> l.startsWith("rowsweep: ") && l.contains("clean_typo"));
    }

    @Test
    void updateFixesExactlyTheRowsItShouldAndRefusesAMissingColumn() {
        String blank = "title IS NULL OR TRIM(title) = ''";
        long before = db.queryLong("SELECT count(*) FROM essays WHERE " + blank);
        assertThat(before).isPositive();
        Cli.Result r = Cli.run("update", "--url", db.url(), "--table", "essays", "--set", "title = '(untitled)'", "--where", blank,
                "--workers", "2", "--job", "fix-essays", "-q");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM essays WHERE " + blank)).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM essays WHERE title = '(untitled)'")).isEqualTo(before);

        Cli.Result again = Cli.run("update", "--url", db.url(), "--table", "essays", "--set", "title = '(untitled)'", "--where", blank,
                "--workers", "2", "--job", "fix-essays", "-q");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).containsIgnoringCase("already");

        Cli.Result missing = Cli.run("update", "--url", db.url(), "--table", "news", "--set", "no_such_column = 1", "-q");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("news");
    }

    @Test
    void demoRunsEndToEndAgainstAGivenDatabase() {
        Cli.Result r = Cli.run("demo", "--url", db.url(), "--scale", "0.01", "--workers", "2", "--dir", dir.resolve("demo").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("rowsweep, 1 worker").contains("rowsweep, 2 workers").contains("valid_data, sequential")
                .doesNotContain(" NO").contains("the same.").contains("resumed");
        assertThat(dir.resolve("demo/report.html")).exists();
        assertThat(dir.resolve("demo/violations.jsonl")).exists();
    }
}
