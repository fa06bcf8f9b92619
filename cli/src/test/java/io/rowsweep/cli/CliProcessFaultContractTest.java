package io.rowsweep.cli;

import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code rowsweep} process itself, killed or signalled mid-run, then run again with the same
 * command, as a user would: each run is a JVM of its own running the CLI's {@code main}.
 *
 * <ul>
 * <li>{@code kill -9} of {@code rowsweep validate} at several points: after each kill the violations
 *     file, up to the length the last committed chunk recorded, holds exactly the records of the
 *     committed chunks; after the re-run it holds exactly the violations SQL predicts, none lost
 *     or duplicated (row checks, a chunked uniqueness check and a reference check all write to it).</li>
 * <li>SIGTERM (what {@code kill}, systemd and Kubernetes send): the running chunks finish, the
 *     process exits 130 saying how to resume, and the same command finishes the job; a second
 *     SIGTERM rolls the running chunks back instead, and a non-idempotent update still ends
 *     applied exactly once.</li>
 * </ul>
 */
abstract class CliProcessFaultContractTest {

    static final int POSTS = 20_000;
    static final int AUTHORS = 100;
    static final int KILLS = 4;
    static final String RULES = String.join("\n",
            "tables:",
            "  posts:",
            "    columns:",
            "      title: [NotNull, {Size: {max: 20}}]",
            "      body: [NotBlank]",
            "      author_id: [{References: authors.id}]",
            "    unique: [[slug]]",
            "");
    /** Every violation the rules find, as {@code id|column|constraint}, by SQL over the data. */
    static final String EXPECTED = String.join(" UNION ALL ",
            "SELECT id, 'title', 'NotNull' FROM posts WHERE title IS NULL",
            "SELECT id, 'title', 'Size' FROM posts WHERE CHAR_LENGTH(title) > 20",
            "SELECT id, 'body', 'NotBlank' FROM posts WHERE body IS NULL OR TRIM(body) = ''",
            "SELECT id, 'author_id', 'References' FROM posts WHERE author_id NOT IN (SELECT id FROM authors)",
            "SELECT id, 'slug', 'Unique' FROM posts WHERE slug IN (SELECT slug FROM posts GROUP BY slug HAVING count(*) > 1)");
    private static final Pattern RECORD = Pattern.compile("^\\{\"table\":\"posts\",\"key\":\\{\"id\":(\\d+)\\},\"column\":\"([^\"]+)\","
            + "\"property\":null,\"constraint\":\"([^\"]+)\",.*}$");

    abstract DatabaseKind kind();

    /** A --where matching every row that makes each update chunk take a few hundred milliseconds, so a second signal finds chunks running. */
    abstract String slowWhere();

    TestSchema db;
    @TempDir
    Path dir;
    Path rules;
    Path out;

    @BeforeEach
    void createData() throws IOException {
        db = TestDatabases.newSchema(kind());
        db.execute(posts(db::series));
        rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        out = dir.resolve("violations.jsonl");
    }

    /**
     * Creates tables {@code authors} and {@code posts} ({@value #POSTS} rows), a few percent of
     * the posts breaking each of {@link #RULES}; {@code series} is the database's integer series.
     */
    static String[] posts(java.util.function.LongFunction<String> series) {
        return new String[] {"CREATE TABLE authors (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO authors SELECT g.i, CONCAT('author ', g.i) FROM " + series.apply(AUTHORS),
                "CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100), slug VARCHAR(40) NOT NULL,"
                        + " author_id INT, n INT NOT NULL)",
                // sparse ids; a few percent of the rows break each rule, some rows several
                "INSERT INTO posts SELECT g.i * 3,"
                        + " CASE WHEN MOD(g.i, 10) = 0 THEN NULL WHEN MOD(g.i, 13) = 0 THEN CONCAT('a title far too long ', g.i)"
                        + " ELSE CONCAT('title ', g.i) END,"
                        + " CASE WHEN MOD(g.i, 7) = 0 THEN '  ' ELSE 'body' END,"
                        + " CASE WHEN MOD(g.i, 17) = 0 THEN CONCAT('dup', MOD(g.i, 5)) ELSE CONCAT('s', g.i) END,"
                        + " CASE WHEN MOD(g.i, 19) = 0 THEN 1000 + g.i ELSE MOD(g.i, " + AUTHORS + ") + 1 END, 0"
                        + " FROM " + series.apply(POSTS),
                // lets the uniqueness check walk slug in chunks like the row checks
                "CREATE INDEX posts_slug ON posts (slug)"};
    }

    @AfterEach
    void dropData() {
        if (db != null) {
            db.close();
        }
    }

    /** Small chunks and a pause after each, so a run takes seconds and a kill lands among many chunks, often inside one. */
    List<String> validate() {
        return List.of("validate", "--url", db.url(), "--rules", rules.toString(), "--out", out.toString(), "--workers", "2",
                "--initial-chunk-rows", "250", "--min-chunk-rows", "250", "--max-chunk-rows", "250", "--pause-between-chunks", "15ms",
                "-q");
    }

    List<String> update() {
        return List.of("update", "--url", db.url(), "--table", "posts", "--set", "n = n + 1", "--where", slowWhere(), "--workers", "2",
                "--initial-chunk-rows", "500", "--min-chunk-rows", "500", "--max-chunk-rows", "500", "--job", "count-posts", "-q");
    }

    static ChildJvm rowsweep(List<String> args) throws IOException {
        return ChildJvm.start(RowSweepCli.class, List.of("-Xmx256m"), args.toArray(String[]::new));
    }

    @Test
    void killNineOfValidateAtSeveralPointsThenTheSameCommandLosesAndDuplicatesNoViolation() throws Exception {
        List<String> expected = expectedViolations();
        assertThat(expected).hasSizeGreaterThan(2_000);
        long doneBefore = 0;
        int killedMidChunk = 0;
        // a kill that misses every running chunk still counts for the rest; a few more are allowed until one hits
        for (int kill = 1; kill <= KILLS || (killedMidChunk == 0 && kill <= 2 * KILLS); kill++) {
            ChildJvm child = rowsweep(validate());
            try {
                // a different point each time: after a few more committed chunks, then a random moment among the next ones,
                // then as soon as a chunk is seen running (a chunk takes a few ms, the pause after it 15 ms)
                awaitDoneChunks(child, doneBefore + 3 + ThreadLocalRandom.current().nextInt(12));
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 120));
                awaitRunningChunk(child);
                assertThat(child.process().isAlive()).as("still running before kill %d; output:%n%s", kill, child.output()).isTrue();
                child.kill9();
            } finally {
                child.cleanUp();
            }
            killedMidChunk += db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'RUNNING'") > 0 ? 1 : 0;
            long done = doneChunks();
            assertThat(done).as("chunks committed by kill %d", kill).isGreaterThan(doneBefore);
            doneBefore = done;
            assertPublishedPrefixHoldsTheCommittedChunks();
        }
        assertThat(killedMidChunk).as("kills that landed while a chunk was running").isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_job WHERE status = 'DONE'")).as("jobs the killed runs finished").isZero();

        ChildJvm last = rowsweep(validate());
        try {
            assertThat(last.waitFor(180)).as(last.output()).isEqualTo(1);
        } finally {
            last.cleanUp();
        }
        assertThat(violationsInFile()).as("violations in the file after the re-run").isEqualTo(expected);
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_job WHERE status = 'DONE' AND run_no = 1"))
                .as("the re-run resumed the killed run (same job, run 1) and finished it").isEqualTo(1);
    }

    @Test
    void sigtermStopsValidateGracefullyWithExit130AndTheSameCommandFinishesIt() throws Exception {
        List<String> expected = expectedViolations();
        ChildJvm child = rowsweep(validate());
        int code;
        try {
            awaitDoneChunks(child, 8);
            child.process().destroy(); // SIGTERM
            code = child.waitFor(60);
            assertThat(code).as(child.output()).isEqualTo(130);
            assertThat(child.output()).contains("SIGTERM: stopping after the running chunks")
                    .contains("Stopped on request").contains("Re-run the same command to resume it");
        } finally {
            child.cleanUp();
        }
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'RUNNING'"))
                .as("chunks left running by a graceful stop").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'DONE'")).isPositive();
        assertPublishedPrefixHoldsTheCommittedChunks();
        assertThat(Files.size(out)).as("a graceful stop leaves nothing unpublished in the file").isEqualTo(publishedLength());

        ChildJvm again = rowsweep(validate());
        try {
            assertThat(again.waitFor(180)).as(again.output()).isEqualTo(1);
        } finally {
            again.cleanUp();
        }
        assertThat(violationsInFile()).isEqualTo(expected);
    }

    @Test
    void sigtermStopsAnUpdateAndASecondOneRollsItsRunningChunksBackYetEveryRowIsUpdatedExactlyOnce() throws Exception {
        ChildJvm child = rowsweep(update());
        try {
            awaitDoneChunks(child, 4);
            child.process().destroy();
            assertThat(child.waitFor(60)).as(child.output()).isEqualTo(130);
            assertThat(child.output()).contains("Stopped on request");
        } finally {
            child.cleanUp();
        }
        long updated = db.queryLong("SELECT count(*) FROM posts WHERE n = 1");
        assertThat(updated).as("rows updated before the stop").isBetween(1L, POSTS - 1L);
        assertThat(updated).as("rows of committed chunks").isEqualTo(db.queryLong(
                "SELECT COALESCE(sum(rows_affected), 0) FROM rowsweep_chunk WHERE status = 'DONE'"));

        ChildJvm twice = rowsweep(update());
        try {
            awaitDoneChunks(twice, doneChunks() + 2);
            twice.process().destroy();
            awaitOutput(twice, "SIGTERM: stopping");
            twice.process().destroy();
            assertThat(twice.waitFor(60)).as(twice.output()).isEqualTo(130);
            assertThat(twice.output()).contains("SIGTERM again: aborting the running chunks");
        } finally {
            twice.cleanUp();
        }
        assertThat(db.queryLong("SELECT count(*) FROM posts WHERE n > 1")).as("rows updated twice").isZero();

        ChildJvm last = rowsweep(update());
        try {
            assertThat(last.waitFor(180)).as(last.output()).isZero();
        } finally {
            last.cleanUp();
        }
        assertThat(db.queryLong("SELECT count(*) FROM posts WHERE n <> 1")).as("rows not updated exactly once").isZero();
    }

    /**
     * A second SIGTERM at any moment of a graceful stop (while chunks finish, after the run ended
     * while the command prints, while the process exits): exit 130 and the closing line that says
     * how to resume, every time; no row updated twice.
     */
    @Test
    void aSecondSigtermAtAnyMomentOfTheStopStillExits130WithTheClosingLine() throws Exception {
        for (long delay : new long[] {0, 10, 30, 60, 120, 250, 500, 1000}) {
            ChildJvm child = rowsweep(update());
            try {
                awaitDoneChunks(child, doneChunks() + 1);
                child.process().destroy();
                awaitOutput(child, "SIGTERM: stopping");
                Thread.sleep(delay);
                child.process().destroy();
                assertThat(child.waitFor(60)).as("second SIGTERM %d ms after the first: %s", delay, child.output()).isEqualTo(130);
                assertThat(child.output()).as("second SIGTERM %d ms after the first", delay).contains("Re-run the same command to resume it");
            } finally {
                child.cleanUp();
            }
        }
        assertThat(db.queryLong("SELECT count(*) FROM posts WHERE n > 1")).as("rows updated twice").isZero();
    }

    /**
     * The file's first bytes, up to the largest length a committed chunk recorded, hold exactly
     * the records of the committed chunks: the output of a chunk the kill cut short is beyond
     * that length (and cut off when the job resumes) or was never written.
     */
    void assertPublishedPrefixHoldsTheCommittedChunks() throws IOException {
        assertPublishedPrefixHoldsTheCommittedChunks(out, db::queryLong);
    }

    /** As {@link #assertPublishedPrefixHoldsTheCommittedChunks()}, for a job state that {@code state} queries, wherever it is kept. */
    static void assertPublishedPrefixHoldsTheCommittedChunks(Path out, java.util.function.ToLongFunction<String> state) throws IOException {
        long published = state.applyAsLong("SELECT COALESCE(max(sink_position), 0) FROM rowsweep_chunk WHERE status = 'DONE'");
        byte[] bytes = Files.readAllBytes(out);
        assertThat((long) bytes.length).as("file length vs the length committed chunks recorded").isGreaterThanOrEqualTo(published);
        String prefix = new String(bytes, 0, (int) published, StandardCharsets.UTF_8);
        assertThat(prefix).as("the published part ends with a whole record").matches(p -> p.isEmpty() || p.endsWith("\n"));
        List<String> records = parse(prefix);
        assertThat((long) records.size()).as("records published vs problems counted by committed chunks")
                .isEqualTo(state.applyAsLong("SELECT COALESCE(sum(problems), 0) FROM rowsweep_chunk WHERE status = 'DONE'"));
        assertThat(records).as("no record published twice").doesNotHaveDuplicates();
    }

    long publishedLength() {
        return db.queryLong("SELECT COALESCE(max(sink_position), 0) FROM rowsweep_chunk WHERE status = 'DONE'");
    }

    List<String> violationsInFile() throws IOException {
        return parse(Files.readString(out));
    }

    /** {@code id|column|constraint} of each record, sorted; fails on a line that is not a whole record. */
    static List<String> parse(String text) {
        List<String> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = RECORD.matcher(line);
            assertThat(m.matches()).as("a whole violation record: %s", line).isTrue();
            records.add(m.group(1) + "|" + m.group(2).toLowerCase(Locale.ROOT) + "|" + m.group(3));
        }
        records.sort(null);
        return records;
    }

    List<String> expectedViolations() throws SQLException {
        try (Connection c = db.connect()) {
            return expectedViolations(c);
        }
    }

    /** {@link #EXPECTED} run on {@code c}: every violation, as the file's records are {@link #parse parsed}. */
    static List<String> expectedViolations(Connection c) throws SQLException {
        List<String> expected = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(EXPECTED)) {
            while (rs.next()) {
                expected.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        expected.sort(null);
        return expected;
    }

    long doneChunks() {
        try {
            return db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'DONE'");
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }

    void awaitDoneChunks(ChildJvm child, long chunks) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (doneChunks() < chunks) {
            if (!child.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the rowsweep process did not commit " + chunks + " chunks; output:\n" + child.output());
            }
            Thread.sleep(5);
        }
    }

    /** Returns as soon as the job state shows a chunk running; one connection, so the kill follows the query closely. */
    void awaitRunningChunk(ChildJvm child) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM rowsweep_chunk WHERE status = 'RUNNING'")) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (!child.process().isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no chunk of the rowsweep process was seen running; output:\n" + child.output());
                }
            }
        }
    }

    static void awaitOutput(ChildJvm child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!child.output().contains(text)) {
            if (!child.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the rowsweep process did not print '" + text + "'; output:\n" + child.output());
            }
            Thread.sleep(2);
        }
    }
}
