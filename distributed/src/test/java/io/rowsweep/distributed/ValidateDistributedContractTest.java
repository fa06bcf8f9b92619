package io.rowsweep.distributed;

import io.rowsweep.core.RunStatus;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.validation.Validation;
import io.rowsweep.validation.ValidationSummary;
import io.rowsweep.validation.ViolationExport;
import io.rowsweep.validation.ViolationFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A validation run distributed finds exactly the violations a local run finds: in the
 * {@code rowsweep_violation} table (counted there with SQL against what the data holds), in the
 * file it exports at the end, and in a CSV export, line for line as the local run's files.
 */
abstract class ValidateDistributedContractTest extends ProcessesTestBase {

    static final int POSTS = 30_000;
    static final String RULES = String.join("\n",
            "tables:",
            "  posts:",
            "    columns:",
            "      title: [NotBlank, {Size: {max: 40}}]",
            "      views: [{Min: 0}]",
            "      author_id: [{References: authors.id}]",
            "    unique: [[slug]]",
            "");

    @TempDir
    Path dir;
    @BeforeEach
    void createTables() {
        db.execute("CREATE TABLE authors (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO authors (id, name) SELECT g.i, CONCAT('author ', g.i) FROM " + db.series(100),
                "CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), slug VARCHAR(60) NOT NULL, views INT NOT NULL,"
                        + " author_id BIGINT)",
                "INSERT INTO posts (id, title, slug, views, author_id) SELECT g.i,"
                        + " CASE WHEN MOD(g.i, 97) = 0 THEN ' ' WHEN MOD(g.i, 1001) = 0 THEN NULL"
                        + "  WHEN MOD(g.i, 1499) = 0 THEN CONCAT('a title far too long to be accepted, post ', g.i)"
                        + "  ELSE CONCAT('title ', g.i) END,"
                        + " CASE WHEN MOD(g.i, 500) = 0 THEN CONCAT('dup-', MOD(g.i, 3)) ELSE CONCAT('slug-', g.i) END,"
                        + " CASE WHEN MOD(g.i, 89) = 0 THEN -g.i ELSE g.i END,"
                        + " CASE WHEN MOD(g.i, 211) = 0 THEN 1000 + g.i WHEN MOD(g.i, 7) = 0 THEN NULL ELSE MOD(g.i, 100) + 1 END"
                        + " FROM " + db.series(POSTS));
    }

    Validation validation(int workers, Path rules) {
        return Validation.of(pool(workers)).rules(rules).workers(workers).initialChunkRows(500).maxChunkRows(2_000);
    }

    @Test
    void findsTheViolationsALocalRunFinds() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        ValidationSummary local = validation(2, rules).violationsTo(dir.resolve("local.jsonl")).run();
        ValidationSummary localCsv = validation(2, rules).format(ViolationFormat.CSV).violationsTo(dir.resolve("local.csv")).run();

        Future<WorkerSummary> worker = start(() -> Worker.join(pool(1)).job("checked").workers(1)
                .joinTimeout(Duration.ofSeconds(30)).run());
        ValidationSummary distributed = validation(1, rules).distributed(true).job("checked").heartbeatInterval(Duration.ofMillis(500))
                .violationsTo(dir.resolve("distributed.jsonl")).run();

        assertThat(distributed.run().status()).isEqualTo(RunStatus.DONE);
        assertThat(worker.get(60, TimeUnit.SECONDS).run().status()).isEqualTo(RunStatus.DONE);
        assertThat(distributed.exitCode()).isEqualTo(ValidationSummary.INVALID_ROWS);
        assertThat(distributed.violationCount()).isEqualTo(local.violationCount()).isPositive();
        assertThat(distributed.invalidRows()).isEqualTo(local.invalidRows());
        assertThat(distributed.rowsChecked()).isEqualTo(local.rowsChecked()).isEqualTo(POSTS);
        assertThat(distributed.tables()).isEqualTo(local.tables());

        Map<String, Long> expected = new TreeMap<>(Map.of(
                "NotBlank", count("title IS NULL OR TRIM(title) = ''"),
                "Size", count("LENGTH(title) > 40"),
                "Min", count("views < 0"),
                "References", count("author_id IS NOT NULL AND author_id NOT IN (SELECT id FROM authors)"),
                "Unique", count("slug IN (SELECT slug FROM posts GROUP BY slug HAVING count(*) > 1)")));
        assertThat(violationsInTable("checked")).isEqualTo(expected);
        // what the console shows: the chunks' problem groups, recorded by both processes, add up to the same counts
        Map<String, Long> grouped = new TreeMap<>();
        try (var c = db.connect()) {
            JobStateReader.of(c, null).problemGroups("checked", 5).forEach(g -> grouped.merge(g.kind(), g.count(), Long::sum));
        }
        assertThat(grouped).isEqualTo(expected);

        assertThat(sortedLines(distributed.violations())).isEqualTo(sortedLines(local.violations()));
        Path csv = dir.resolve("exported.csv");
        long exported = ViolationExport.of(pool(0)).job("checked").format(ViolationFormat.CSV).to(csv);
        assertThat(exported).isEqualTo(localCsv.violationCount());
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo(Files.readAllLines(localCsv.violations()).get(0));
        assertThat(sortedLines(csv)).isEqualTo(sortedLines(localCsv.violations()));
    }

    @Test
    void aNewRunOfTheJobStartsWithNoViolationsOfTheLastOne() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        ValidationSummary first = validation(2, rules).distributed(true).job("again").violationsTo(dir.resolve("1.jsonl")).run();
        db.execute("UPDATE posts SET views = 0 WHERE views < 0");

        ValidationSummary second = validation(2, rules).distributed(true).job("again").violationsTo(dir.resolve("2.jsonl")).run();

        assertThat(second.run().run()).isEqualTo(first.run().run() + 1);
        assertThat(violationsInTable("again")).doesNotContainKey("Min");
        assertThat(second.violationCount()).isEqualTo(first.violationCount() - count("MOD(id, 89) = 0"));
        assertThat(Files.readAllLines(dir.resolve("2.jsonl"))).hasSize((int) second.violationCount());
    }

    long count(String where) {
        return db.queryLong("SELECT count(*) FROM posts WHERE " + where);
    }

    Map<String, Long> violationsInTable(String job) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT constraint_name, count(*) FROM"
                + " rowsweep_violation WHERE job_name = '" + job + "' GROUP BY constraint_name")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static List<String> sortedLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        return lines;
    }
}
