package io.rowsweep.cli;

import io.rowsweep.core.internal.dialect.Dialects;
import io.rowsweep.core.internal.state.JobStore;
import io.rowsweep.testkit.ChildJvm;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.ReplicaPair;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rowsweep validate} on a target it cannot keep its job state in (a SELECT-only user, a
 * hot standby), with no flag added: the state goes to a local file (said in one line) or, with
 * {@code --state-url}, to another database; either way {@code kill -9} and the same command lose
 * and duplicate no violation, and nothing is written to the target. An update there is refused.
 * Each run is a JVM of its own running the CLI's {@code main}, its home a temporary folder.
 */
abstract class ReadOnlyTargetContractTest {

    static final String STATE_LINE = "Job state kept in ";

    /** The database rowsweep validates, as the test sets it up, and how the test reads it (as its admin). */
    interface Target extends AutoCloseable {

        /** What rowsweep connects with: read-only for it. */
        String url();

        /** The same data through a user and server that may write it (the owner; the primary of a standby). */
        String writerUrl();

        /** A connection that reads the target's data (for the expected violations and its tables). */
        Connection read() throws SQLException;

        /** The schema (MariaDB: database) the posts are in. */
        String schema();

        /**
         * As an administrator would: creates the {@code rowsweep_} tables and lets rowsweep's user
         * write to them (it still may not create tables); skips the test where no one may write.
         */
        default void createAndGrantStateTables() throws SQLException {
            Assumptions.abort("a read-only server: no user may keep state there");
        }

        @Override
        void close();
    }

    /** Creates {@link CliProcessFaultContractTest#posts the posts} and a target rowsweep may only read them through. */
    abstract Target openTarget();

    Target target;
    @TempDir
    Path dir;
    Path home;
    Path rules;
    Path out;
    TestSchema stateDb;

    @BeforeEach
    void setUp() throws IOException {
        target = openTarget();
        home = Files.createDirectories(dir.resolve("home"));
        rules = Files.writeString(dir.resolve("rules.yaml"), CliProcessFaultContractTest.RULES);
        out = dir.resolve("violations.jsonl");
    }

    @AfterEach
    void tearDown() {
        if (stateDb != null) {
            stateDb.close();
        }
        if (target != null) {
            target.close();
        }
    }

    List<String> validate(String... more) {
        List<String> args = new ArrayList<>(List.of("validate", "--url", target.url(), "--rules", rules.toString(), "--out",
                out.toString(), "--workers", "2", "--initial-chunk-rows", "250", "--min-chunk-rows", "250", "--max-chunk-rows", "250",
                "--pause-between-chunks", "15ms", "-q"));
        args.addAll(List.of(more));
        return args;
    }

    ChildJvm rowsweep(List<String> args) throws IOException {
        return ChildJvm.start(RowSweepCli.class, List.of("-Xmx256m", "-Duser.home=" + home), args.toArray(String[]::new));
    }

    @Test
    void validateKeepsTheStateInALocalFileSaysSoInOneLineAndResumesAfterKillNine() throws Exception {
        killAndResume(validate(), sql -> queryLocalState(sql));
        Path[] files;
        try (Stream<Path> listed = Files.list(home.resolve(".rowsweep/state"))) {
            files = listed.filter(p -> p.toString().endsWith(".mv.db")).toArray(Path[]::new);
        }
        assertThat(files).as("one state file for the target").hasSize(1);
    }

    @Test
    void validateKeepsTheStateAtStateUrlAndResumesAfterKillNine() throws Exception {
        stateDb = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        killAndResume(validate("--state-url", stateDb.url()), stateDb::queryLong);
        assertThat(home.resolve(".rowsweep")).as("no local state with --state-url").doesNotExist();
    }

    /** One process at a time opens the local file: a second run of the target says so at once, instead of waiting silently. */
    @Test
    void aSecondRunWhileAnotherHoldsTheLocalStateFileIsRefusedAtOnceNamingIt() throws Exception {
        ChildJvm first = rowsweep(validate("--max-rows-per-second", "2000")); // some 30 s
        try {
            awaitFileLength(first, 1);
            List<String> second = List.of("validate", "--url", target.url(), "--rules", rules.toString(), "--out",
                    dir.resolve("other.jsonl").toString(), "--job", "another", "-q");
            long started = System.nanoTime();
            String output = finish(second, 2);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(first.process().isAlive()).as("the first run still runs").isTrue();
            assertThat(output).as("the refusal").contains(".mv.db, which cannot be opened")
                    .contains("Another rowsweep run of this target on this machine may be using it");
            assertThat(seconds).as("seconds until the second run was refused (a JVM's start included)").isLessThan(20);
        } finally {
            first.kill9();
            first.cleanUp();
        }
    }

    /** PostgreSQL asks for CREATE on the schema even for CREATE TABLE IF NOT EXISTS of a table that exists. */
    @Test
    void aUserGrantedTheStateTablesAnAdminCreatedKeepsTheStateInTheTarget() throws Exception {
        target.createAndGrantStateTables();
        List<String> expected;
        try (Connection c = target.read()) {
            expected = CliProcessFaultContractTest.expectedViolations(c);
        }
        String output = finish(validate(), 1);
        assertThat(output).as("no word of another place").doesNotContain(STATE_LINE);
        assertThat(CliProcessFaultContractTest.parse(Files.readString(out))).as("violations").isEqualTo(expected);
        assertThat(targetLong("SELECT count(*) FROM rowsweep_job WHERE status = 'DONE'")).as("the job, done, in the target").isEqualTo(1);
        assertThat(home.resolve(".rowsweep")).as("no local state").doesNotExist();
    }

    @Test
    void anUpdateIsRefusedWithExitTwoAndNothingWritten() throws Exception {
        stateDb = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        List<String> update = List.of("update", "--table", "posts", "--set", "n = n + 1", "-q");
        String stateUrlRefused = "--state-url keeps the job state in another database, which only a job that writes nothing to its"
                + " tables can do";
        // a read-only target, with and without --state-url: the database's refusal to write (the --set check finds it first where
        // this user may not update the table), or the server's read-only state (its administrator could still write); a writable
        // target with --state-url: refused too
        Object[][] cases = {
                {target.url(), List.of(), List.of("does not work on table 'posts'", "Cannot write to the target database")},
                {target.url(), List.of("--state-url", stateDb.url()), List.of("does not work on table 'posts'", stateUrlRefused)},
                {target.writerUrl(), List.of("--state-url", stateDb.url()), List.of(stateUrlRefused)}};
        for (Object[] each : cases) {
            List<String> args = new ArrayList<>(update);
            args.addAll(List.of("--url", (String) each[0]));
            @SuppressWarnings("unchecked") List<String> more = (List<String>) each[1];
            args.addAll(more);
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            @SuppressWarnings("unchecked") List<String> refusals = (List<String>) each[2];
            assertThat(r.toString()).as("the refusal").containsAnyOf(refusals.toArray(String[]::new));
        }
        assertThat(targetLong("SELECT count(*) FROM posts WHERE n <> 0")).as("rows changed").isZero();
        assertNoStateTablesIn(target);
        assertThat(stateDb.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + stateDb.name() + "'"))
                .as("tables written to the --state-url database").isZero();
        assertThat(home.resolve(".rowsweep")).as("no local state for a refused update").doesNotExist();
    }

    @Test
    void aDistributedValidationIsRefusedWithExitTwoAndNothingWritten() throws Exception {
        stateDb = TestDatabases.newSchema(DatabaseKind.POSTGRES);
        for (List<String> more : List.<List<String>>of(List.of(), List.of("--state-url", stateDb.url()))) {
            List<String> args = new ArrayList<>(List.of("validate", "--url", target.url(), "--rules", rules.toString(),
                    "--distributed", "-q"));
            args.addAll(more);
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.toString()).as("the refusal").contains("A distributed run keeps its chunk queue and job state in the target");
        }
        assertNoStateTablesIn(target);
        assertThat(stateDb.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + stateDb.name() + "'"))
                .as("tables written to the --state-url database").isZero();
    }

    /**
     * Runs {@code validate} and kills it ({@code kill -9}) three times at growing points of the
     * violations file, checking after each kill that the file's committed part holds exactly the
     * committed chunks' records; then runs the same command to its end: the file holds exactly
     * what SQL finds, the killed run was resumed, and the target holds no job state.
     */
    void killAndResume(List<String> validate, ToLongFunction<String> state) throws Exception {
        List<String> expected;
        try (Connection c = target.read()) {
            expected = CliProcessFaultContractTest.expectedViolations(c);
        }
        assertThat(expected).hasSizeGreaterThan(2_000);
        long doneBefore = 0;
        for (int kill = 1; kill <= 3; kill++) {
            long grown = (Files.exists(out) ? Files.size(out) : 0) + 20_000 + ThreadLocalRandom.current().nextInt(60_000);
            ChildJvm child = rowsweep(validate);
            try {
                awaitFileLength(child, grown);
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 60));
                assertThat(child.process().isAlive()).as("still running before kill %d; output:%n%s", kill, child.output()).isTrue();
                child.kill9();
            } finally {
                child.cleanUp();
            }
            long done = state.applyAsLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'DONE'");
            assertThat(done).as("chunks committed by kill %d", kill).isGreaterThan(doneBefore);
            doneBefore = done;
            CliProcessFaultContractTest.assertPublishedPrefixHoldsTheCommittedChunks(out, state);
        }
        Path report = dir.resolve("run.html");
        List<String> lastRun = new ArrayList<>(validate);
        lastRun.addAll(List.of("--report", report.toString()));
        String output = finish(lastRun, 1);
        assertThat(Files.readString(report)).as("the report, drawn from the job state").contains("posts");
        assertThat(CliProcessFaultContractTest.parse(Files.readString(out))).as("violations in the file after the re-run")
                .isEqualTo(expected);
        assertThat(state.applyAsLong("SELECT count(*) FROM rowsweep_job WHERE status = 'DONE' AND run_no = 1"))
                .as("the re-run resumed the killed run (same job, run 1) and finished it").isEqualTo(1);
        assertThat(output.lines().filter(l -> l.contains(STATE_LINE)).count()).as("lines saying where the state is: %s", output)
                .isEqualTo(validate.contains("--state-url") ? 0 : 1);
        assertNoStateTablesIn(target);

        List<String> status = new ArrayList<>(List.of("status", "--url", target.url()));
        int stateUrl = validate.indexOf("--state-url");
        if (stateUrl >= 0) {
            status.addAll(validate.subList(stateUrl, stateUrl + 2));
        }
        assertThat(finish(status, 0)).as("status finds the job where the run kept it").contains("validate")
                .doesNotContain("No rowsweep jobs");
    }

    /** Runs rowsweep to its end, expecting {@code exitCode}; its output. */
    String finish(List<String> args, int exitCode) throws Exception {
        ChildJvm child = rowsweep(args);
        try {
            assertThat(child.waitFor(180)).as(child.output()).isEqualTo(exitCode);
            return child.output();
        } finally {
            child.cleanUp();
        }
    }

    void assertNoStateTablesIn(Target t) throws SQLException {
        assertThat(targetLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + t.schema()
                + "' AND LOWER(table_name) LIKE 'rowsweep%'")).as("rowsweep tables in the target").isZero();
    }

    long targetLong(String sql) throws SQLException {
        try (Connection c = target.read(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Queries the one local state file, as the next run would find it (the process that wrote it is gone). */
    long queryLocalState(String sql) {
        try (Stream<Path> listed = Files.list(home.resolve(".rowsweep/state"))) {
            Path file = listed.filter(p -> p.toString().endsWith(".mv.db")).findFirst().orElseThrow();
            String name = file.toString().substring(0, file.toString().length() - ".mv.db".length());
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + name); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("reading the local state: " + e, e);
        }
    }

    void awaitFileLength(ChildJvm child, long bytes) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(out) || Files.size(out) < bytes) {
            if (!child.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the rowsweep process did not write " + bytes + " bytes of violations; output:\n"
                        + child.output());
            }
            Thread.sleep(2);
        }
    }

    /**
     * The posts created on the primary of {@code pair} ({@code series}: its integer series) and
     * read by rowsweep on its replica, as its superuser, in {@code schema}, once {@code replayed}
     * (a count) says 1 there; {@code onReplica} runs on the replica first.
     */
    static Target replica(ReplicaPair pair, LongFunction<String> series, String schema, String replayed, String... onReplica) {
        try {
            try (Connection c = DriverManager.getConnection(pair.primaryUrl()); Statement s = c.createStatement()) {
                for (String sql : CliProcessFaultContractTest.posts(series)) {
                    s.execute(sql);
                }
            }
            try (Connection c = DriverManager.getConnection(pair.replicaUrl()); Statement s = c.createStatement()) {
                for (String sql : onReplica) {
                    s.execute(sql);
                }
                awaitOne(s, replayed);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            pair.close();
            throw new IllegalStateException("could not fill the primary and see it on the replica: " + e, e);
        }
        return new Target() {
            @Override
            public String url() {
                return pair.replicaUrl();
            }

            @Override
            public String writerUrl() {
                return pair.primaryUrl();
            }

            @Override
            public Connection read() throws SQLException {
                return DriverManager.getConnection(pair.replicaUrl());
            }

            @Override
            public String schema() {
                return schema;
            }

            @Override
            public void close() {
                pair.close();
            }
        };
    }

    private static void awaitOne(Statement s, String count) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (ResultSet rs = s.executeQuery(count)) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica did not replay the posts within 60 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * The posts in the test's schema {@code db}, read by rowsweep as {@code user}, whom the caller
     * created allowed to SELECT only; {@code dropUser} removes that user when the test ends.
     */
    static Target selectOnly(TestSchema db, String user, String... dropUser) {
        return new Target() {
            @Override
            public String url() {
                return db.url().replaceFirst("([?&])user=[^&]*", "$1user=" + user);
            }

            @Override
            public String writerUrl() {
                return db.url();
            }

            @Override
            public Connection read() throws SQLException {
                return db.connect();
            }

            @Override
            public String schema() {
                return db.name();
            }

            @Override
            public void createAndGrantStateTables() throws SQLException {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    new JobStore(Dialects.detect(c), null).ensureTables(c);
                }
                db.execute(Stream.of("rowsweep_job", "rowsweep_table", "rowsweep_chunk", "rowsweep_run")
                        .map(t -> "GRANT SELECT, INSERT, UPDATE, DELETE ON " + t + " TO " + user).toArray(String[]::new));
            }

            @Override
            public void close() {
                db.execute(dropUser);
                db.close();
            }
        };
    }
}
