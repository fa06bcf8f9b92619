package io.rowsweep.validation;

import io.rowsweep.core.RunStatus;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one moment a kill cannot be aimed at: between a chunk's violations reaching the file and
 * its checkpoint's commit. Faults injected into that commit, on chosen chunks:
 * <ul>
 * <li>the commit fails (rolled back, connection reported lost): the chunk's records are cut from the
 *     file, the chunk is retried, and its records are written once;</li>
 * <li>the commit succeeds but its acknowledgement is lost (the connection dies after the server
 *     committed): the chunk is done and its records must stay in the file, once.</li>
 * </ul>
 * Either way the file must hold exactly the violations SQL predicts.
 */
abstract class CommitFaultContractTest {

    static final int ROWS = 6_000;
    /** The chunk commits (counted over the run) that fail. */
    static final Set<Integer> FAULTY_COMMITS = Set.of(3, 8, 13);

    abstract DatabaseKind kind();

    TestSchema db;
    @TempDir
    Path dir;

    @BeforeEach
    void createData() {
        db = TestDatabases.newSchema(kind());
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100))",
                "INSERT INTO posts SELECT g.i * 2, CASE WHEN MOD(g.i, 9) = 0 THEN NULL ELSE CONCAT('title ', g.i) END FROM "
                        + db.series(ROWS));
    }

    @AfterEach
    void dropData() {
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    @Test
    void aChunkWhoseCheckpointCommitFailsIsRetriedAndItsViolationsWrittenOnce() throws IOException {
        assertExactlyTheViolationsSqlFinds(Fault.COMMIT_FAILS);
    }

    @Test
    void aChunkWhoseCommitAcknowledgementIsLostKeepsItsViolationsOnce() throws IOException {
        assertExactlyTheViolationsSqlFinds(Fault.ACKNOWLEDGEMENT_LOST);
    }

    private void assertExactlyTheViolationsSqlFinds(Fault fault) throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "tables:\n  posts:\n    columns:\n      title: [NotNull]\n");
        FaultyCommits source = new FaultyCommits(db, fault);
        ValidationSummary summary = Validation.of(source).rules(rules).violationsTo(dir.resolve("v.jsonl")).workers(2)
                .initialChunkRows(300).minChunkRows(300).maxChunkRows(300).retryDeadline(Duration.ofMinutes(1)).run();
        assertThat(source.injected.get()).as("faults injected").isEqualTo(FAULTY_COMMITS.size());
        assertThat(summary.run().status()).isEqualTo(RunStatus.DONE);

        List<String> found = new ArrayList<>();
        Violations.read(summary.violations()).forEach(r -> found.add(Violations.key(r, "id").asText()));
        found.sort(null);
        List<String> expected = sqlIds("SELECT id FROM posts WHERE title IS NULL");
        expected.sort(null);
        assertThat(found).as("ids in the violations file, once each").isEqualTo(expected);
        assertThat(summary.violationCount()).isEqualTo(expected.size());
    }

    private List<String> sqlIds(String sql) {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    enum Fault {
        /** Rolled back, then the connection reported lost. */
        COMMIT_FAILS,
        /** Committed, then the connection reported lost. */
        ACKNOWLEDGEMENT_LOST
    }

    /**
     * Plain connections to the schema whose commit of a chunk checkpoint (a transaction that marked
     * a chunk DONE) fails as {@code fault} says, on the commits numbered {@link #FAULTY_COMMITS}.
     */
    static final class FaultyCommits implements DataSource {
        private final TestSchema db;
        private final Fault fault;
        private final AtomicInteger checkpoints = new AtomicInteger();
        final AtomicInteger injected = new AtomicInteger();

        FaultyCommits(TestSchema db, Fault fault) {
            this.db = db;
            this.fault = fault;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = db.connect();
            boolean[] markedDone = new boolean[1];
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("prepareStatement") && ((String) args[0]).contains("SET status = ?, rows_read = ?")) {
                            markedDone[0] = true;
                        }
                        if (name.equals("commit") && markedDone[0]) {
                            markedDone[0] = false;
                            if (FAULTY_COMMITS.contains(checkpoints.incrementAndGet())) {
                                injected.incrementAndGet();
                                if (fault == Fault.ACKNOWLEDGEMENT_LOST) {
                                    real.commit();
                                } else {
                                    real.rollback();
                                }
                                throw new SQLException("injected: connection lost during commit", "08006");
                            }
                        }
                        if (name.equals("rollback")) {
                            markedDone[0] = false;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
