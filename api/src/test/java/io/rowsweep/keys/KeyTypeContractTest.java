package io.rowsweep.keys;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rowsweep.testkit.ChildJvm;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key type a schema commonly has, per database, run with one-row chunks (so every key
 * value is a chunk boundary written to the job state and read back) in JVMs whose time zones have
 * daylight saving time ({@code Europe/Berlin}, {@code America/St_Johns}) and none (UTC):
 * validate reads exactly {@code count(*)} rows and names exactly the invalid rows by their keys;
 * a SQL-mode and a Java-mode non-idempotent update ({@code + 1}), killed with {@code kill -9}
 * again and again and resumed in another time zone each time, change every row exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyTypeContractTest {

    static final List<String> ZONES = List.of("Europe/Berlin", "America/St_Johns", "UTC");
    private static final Pattern ROWS = Pattern.compile("^rows (\\S+) (\\d+)$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    TestSchema db;
    List<KeyShape> shapes;

    abstract DatabaseKind kind();

    abstract List<KeyShape> shapes(TestSchema db);

    /** The column numbering rows 1, 2, 3... in insertion order, with its type. */
    abstract String ridColumn();

    /** How the violations file's text of a key column finds its value, where the shape does not say. */
    abstract String defaultLookup(KeyShape.KeyColumn column);

    @BeforeAll
    void createTables() {
        db = TestDatabases.newSchema(kind());
        shapes = shapes(db);
        for (KeyShape s : shapes) {
            String t = s.table();
            s.setUp().forEach(sql -> db.execute(sql.replace("%t", t)));
            String columns = s.columns().stream().map(c -> c.name() + " " + c.type() + " NOT NULL").collect(Collectors.joining(", "));
            db.execute("CREATE TABLE " + t + " (" + columns + ", " + ridColumn() + ", note VARCHAR(20),"
                    + " c_sql INT NOT NULL DEFAULT 0, c_java INT NOT NULL DEFAULT 0" + (s.key() == null ? "" : ", " + s.key()) + ")"
                    + (s.suffix().isEmpty() ? "" : " " + s.suffix()));
            s.after().forEach(sql -> db.execute(sql.replace("%t", t)));
            String names = s.columns().stream().map(KeyShape.KeyColumn::name).collect(Collectors.joining(", "));
            db.execute("INSERT INTO " + t + " (" + names + ") " + s.rows(),
                    "UPDATE " + t + " SET note = CASE WHEN MOD(rid, 7) = 0 THEN '' ELSE 'ok' END");
            assertThat(db.queryLong("SELECT count(*) FROM " + t)).as("rows of %s", t).isGreaterThan(7);
        }
    }

    @AfterAll
    void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void validateReadsEveryRowAndNamesExactlyTheInvalidOnesInEveryTimeZone(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        StringBuilder yaml = new StringBuilder("tables:\n");
        shapes.forEach(s -> yaml.append("  ").append(s.table()).append(":\n    columns:\n      note: [NotBlank]\n"));
        Files.writeString(rules, yaml);
        for (String zone : ZONES) {
            Path out = dir.resolve("violations-" + zone.replace('/', '-') + ".jsonl");
            List<String> args = new ArrayList<>(List.of(db.url(), "validate", "kt-validate-" + zone, rules.toString(), out.toString()));
            shapes.forEach(s -> args.add(s.table()));
            ChildJvm child = ChildJvm.start(KeyTypeDriver.class, List.of("-Xmx256m", "-Duser.timezone=" + zone), args.toArray(new String[0]));
            int exit = child.waitFor(600);
            String output = child.output();
            child.cleanUp();
            assertThat(output).as("validate in %s", zone).contains("validated ");
            assertThat(exit).as("exit code in %s: invalid rows found; output:%n%s", zone, output).isEqualTo(1);

            Map<String, Long> rowsRead = new HashMap<>();
            Matcher m = ROWS.matcher(output);
            while (m.find()) {
                rowsRead.put(m.group(1), Long.parseLong(m.group(2)));
            }
            Map<String, List<JsonNode>> byTable = new HashMap<>();
            for (String line : Files.readAllLines(out)) {
                JsonNode v = JSON.readTree(line);
                byTable.computeIfAbsent(v.get("table").asText(), k -> new ArrayList<>()).add(v);
            }
            for (KeyShape s : shapes) {
                String t = s.table();
                assertThat(rowsRead.get(t)).as("rows of %s validated in %s", t, zone).isEqualTo(db.queryLong("SELECT count(*) FROM " + t));
                List<Long> named = new ArrayList<>();
                for (JsonNode v : byTable.getOrDefault(t, List.of())) {
                    assertThat(v.get("constraint").asText()).as("%s in %s: %s", t, zone, v).isEqualTo("NotBlank");
                    named.addAll(rowsNamedBy(s, v.get("key")));
                }
                Set<Long> invalid = rids("SELECT rid FROM " + t + " WHERE note = ''");
                assertThat(named).as("%s in %s: each violation's key names exactly one row", t, zone).hasSize(byTable.getOrDefault(t, List.of()).size());
                assertThat(new TreeSet<>(named)).as("%s in %s: the rows the violations name", t, zone).isEqualTo(new TreeSet<>(invalid));
                assertThat(named).as("%s in %s: no row reported twice", t, zone).doesNotHaveDuplicates();
            }
            assertOneRowChunks("job_name = 'kt-validate-" + zone + "'");
        }
    }

    @Test
    void updatesKilledAndResumedInOtherTimeZonesChangeEveryRowExactlyOnce() throws Exception {
        List<String> args = new ArrayList<>(List.of(db.url(), "update"));
        shapes.forEach(s -> args.add(s.table()));
        long totalRows = shapes.stream().mapToLong(s -> db.queryLong("SELECT count(*) FROM " + s.table())).sum();
        int kills = 0;
        int killedMidChunk = 0;
        for (int run = 0; ; run++) {
            String zone = ZONES.get(run % ZONES.size());
            ChildJvm child = ChildJvm.start(KeyTypeDriver.class, List.of("-Xmx256m", "-Duser.timezone=" + zone), args.toArray(new String[0]));
            try {
                if (kills < 4) {
                    // Kill once it has done a few hundred more chunks: in the middle of some table's SQL or Java job.
                    int target = 150 + ThreadLocalRandom.current().nextInt((int) Math.min(400, totalRows / 3));
                    long deadline = System.currentTimeMillis() + 300_000;
                    while (child.process().isAlive() && chunksDone(child) < target && System.currentTimeMillis() < deadline) {
                        Thread.sleep(5);
                    }
                    if (child.process().isAlive()) {
                        child.kill9();
                        kills++;
                        killedMidChunk += db.queryLong("SELECT count(*) FROM rowsweep_chunk WHERE status = 'RUNNING'") > 0 ? 1 : 0;
                        assertNoRowChangedTwice("after kill " + kills + " (" + zone + ")");
                        continue;
                    }
                }
                assertThat(child.waitFor(900)).as("the run to the end, in %s; output:%n%s", zone, tail(child.output())).isZero();
                break;
            } finally {
                child.cleanUp();
            }
        }
        assertThat(kills).as("runs killed before the end").isPositive();
        assertThat(killedMidChunk).as("kills that landed while a chunk was running").isPositive();
        for (KeyShape s : shapes) {
            String t = s.table();
            assertThat(db.queryLong("SELECT count(*) FROM " + t + " WHERE c_sql <> 1"))
                    .as("%s: rows the SQL-mode update did not change exactly once", t).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM " + t + " WHERE c_java <> 1"))
                    .as("%s: rows the Java-mode update did not change exactly once", t).isZero();
        }
        assertOneRowChunks("job_name LIKE 'kt-java-%'");
    }

    /** No chunk of the jobs read more rows than max-chunk-rows (1): the keys split where the key walk said. */
    private void assertOneRowChunks(String jobs) {
        String worst = db.queryString("SELECT CONCAT(job_name, ' ', table_name, ' chunk ', chunk_no, ': ', rows_read, ' rows')"
                + " FROM rowsweep_chunk WHERE " + jobs + " AND rows_read > 1");
        assertThat(worst).as("a chunk over max-chunk-rows 1").isNull();
    }

    private void assertNoRowChangedTwice(String when) {
        for (KeyShape s : shapes) {
            assertThat(db.queryLong("SELECT count(*) FROM " + s.table() + " WHERE c_sql > 1 OR c_java > 1"))
                    .as("%s: rows changed twice %s", s.table(), when).isZero();
        }
    }

    private static long chunksDone(ChildJvm child) {
        String out = child.output();
        long n = 0;
        for (int i = out.indexOf(KeyTypeDriver.CHUNK_DONE); i >= 0; i = out.indexOf(KeyTypeDriver.CHUNK_DONE, i + 1)) {
            n++;
        }
        return n;
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }

    /** The rows (rid) whose key equals the key of a violation, found from its text in the file. */
    private List<Long> rowsNamedBy(KeyShape s, JsonNode key) throws SQLException {
        List<String> where = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (KeyShape.KeyColumn c : s.columns()) {
            JsonNode v = key.get(c.name());
            assertThat(v).as("%s: key column %s in %s", s.table(), c.name(), key).isNotNull();
            where.add(c.name() + " = " + (c.lookup() != null ? c.lookup() : defaultLookup(c)));
            values.add(v.isBigDecimal() ? v.decimalValue().toString() : v.asText());
        }
        List<Long> found = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT rid FROM " + s.table() + " WHERE " + String.join(" AND ", where))) {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        assertThat(found).as("%s: the rows key %s names", s.table(), key).hasSize(1);
        return found;
    }

    private Set<Long> rids(String sql) throws SQLException {
        Set<Long> rids = new HashSet<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rids.add(rs.getLong(1));
            }
        }
        return rids;
    }
}
