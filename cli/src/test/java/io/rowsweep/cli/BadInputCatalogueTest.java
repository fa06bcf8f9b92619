package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue: what people get wrong on the command line, each case run as
 * {@code ./rowsweep} would run it. Every case must exit 2, print exactly one error line
 * {@code rowsweep: ...} naming the culprit and saying what to do (the only other line allowed is
 * the pointer to {@code --help}), log nothing else, and write nothing: no {@code rowsweep_} state
 * tables, the data unchanged (every table of the schema compared row by row), no violations file
 * or report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueTest {

    static final int ITEMS = 200;
    static final String HELP_HINT = "Try 'rowsweep ";
    static final String RULES = "tables:\n  items:\n    columns:\n      title: [NotBlank, {Size: {max: 20}}]\n";

    private final Map<DatabaseKind, TestSchema> schemas = new EnumMap<>(DatabaseKind.class);

    @TempDir
    Path root;

    /** One mistake: the command (built from what the case is given) and what the error line must say. */
    record Case(String name, DatabaseKind db, boolean ownSchema, Consumer<Given> setUp, Function<Given, List<String>> command,
                Map<String, String> env, List<String> says) {
        @Override
        public String toString() {
            return name;
        }

        Case env(Map<String, String> variables) {
            return new Case(name, db, ownSchema, setUp, command, variables, says);
        }

        /** The case gets a schema of its own, prepared by {@code setUp} (which may write job state there). */
        Case ownSchema(Consumer<Given> prepare) {
            return new Case(name, db, true, prepare, command, env, says);
        }
    }

    /** What a case's command can use: its database and a folder of its own for input files. */
    record Given(TestSchema db, Path dir) {
        String url() {
            return db.url();
        }

        String file(String name, String content) {
            try {
                return Files.writeString(dir.resolve(name), content).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String rules(String yaml) {
            return file("rules.yaml", yaml);
        }

        String out() {
            return dir.resolve("violations.jsonl").toString();
        }

        /** A validate command with the rules, the violations file and a report in the case's folder. */
        List<String> validate(String yaml, String... more) {
            List<String> args = new ArrayList<>(List.of("validate", "--url", url(), "--rules", rules(yaml), "--out", out(),
                    "--report", dir.resolve("run.html").toString()));
            args.addAll(Arrays.asList(more));
            return args;
        }

        List<String> update(String... more) {
            List<String> args = new ArrayList<>(List.of("update", "--url", url()));
            args.addAll(Arrays.asList(more));
            return args;
        }
    }

    static Case on(DatabaseKind db, String name, Function<Given, List<String>> command, String... says) {
        return new Case(name, db, false, g -> { }, command, Map.of(), List.of(says));
    }

    static Case pg(String name, Function<Given, List<String>> command, String... says) {
        return on(DatabaseKind.POSTGRES, name, command, says);
    }

    static Case mariadb(String name, Function<Given, List<String>> command, String... says) {
        return on(DatabaseKind.MARIADB, name, command, says);
    }

    static List<String> args(String... args) {
        return List.of(args);
    }

    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String otherDatabase(String url, String database) {
        return url.replaceFirst("(//[^/]+/)[^?]*", "$1" + database);
    }

    Stream<Case> cases() {
        int port = closedPort();
        return Stream.of(
                // where to connect
                pg("no --url anywhere", g -> args("validate", "--rules", g.rules(RULES), "--out", g.out()),
                        "No database given", "pass --url JDBC_URL", "ROWSWEEP_URL"),
                pg("a URL that is not a JDBC URL", g -> args("update", "--url", "postgres://localhost/shop", "--table", "items",
                        "--set", "amount = 1"), "'postgres://localhost/shop' is not a JDBC URL", "it must start with jdbc:"),
                pg("a URL no driver accepts", g -> args("update", "--url", "jdbc:oracle:thin:@db:1521/shop", "--table", "items",
                        "--set", "amount = 1"), "no JDBC driver accepts this URL", "Check its spelling"),
                pg("nothing listening on the port", g -> args("validate", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/test",
                        "--rules", g.rules(RULES), "--out", g.out()), "Cannot connect to the database jdbc:postgresql://127.0.0.1:" + port,
                        "Check that it is running"),
                mariadb("a wrong password", g -> args("update", "--url", g.url().replaceFirst("\\?.*$", ""), "--user", "root",
                        "--password", "not-the-password", "--table", "items", "--set", "amount = 1"),
                        "refused the credentials of user 'root'", "Check --user and --password"),
                pg("an unknown database", g -> args("update", "--url", otherDatabase(g.url(), "rowsweep_no_such_db"), "--table", "items",
                        "--set", "amount = 1"), "rowsweep_no_such_db", "does not exist", "Check the database name in the URL"),
                pg("an unknown key in rowsweep.properties", g -> args("update", "--config", g.file("rowsweep.properties",
                        "url=" + g.url() + "\nwokers=4\n"), "--table", "items", "--set", "amount = 1"),
                        "rowsweep.properties: unknown setting 'wokers'", "did you mean 'workers'?"),

                // tables and columns
                pg("an unknown table to update", g -> g.update("--table", "itemz", "--set", "amount = 1"),
                        "Table 'itemz' does not exist", "did you mean 'items'?"),
                mariadb("an unknown table in the rules file", g -> g.validate(RULES.replace("items", "itemz")),
                        "Rules file", "table 'itemz'", "did you mean 'items'?"),
                pg("an unknown column in a rule", g -> g.validate(RULES.replace("title", "titel")),
                        "column 'titel'", "has no such column", "Fix the column name in the rules file"),
                pg("update of a table with no key", g -> g.update("--table", "keyless", "--set", "b = 'x'"),
                        "Table 'keyless' has no primary key", "Add a primary key"),
                mariadb("validate of a table with no key", g -> g.validate("tables:\n  keyless:\n    columns:\n      b: [NotBlank]\n"),
                        "Table 'keyless' has no primary key", "Add a primary key, or a unique index on NOT NULL columns"),
                pg("--tables naming a table the rules do not cover", g -> g.validate(RULES, "--tables", "keyless"),
                        "Table 'keyless' was asked for (--tables)", "the rules file", "has rules for: items", "Fix the table name"),

                // identifiers are data, never SQL: quoted, looked up, reported as unknown
                pg("a table name with a double quote and a semicolon", g -> g.update("--table", "items\"; DROP TABLE items; --",
                        "--set", "amount = 1"), "Table 'items\"; DROP TABLE items; --' does not exist", "Check the name"),
                mariadb("a table name with a backtick and a semicolon", g -> g.update("--table", "items`; DROP TABLE items; --",
                        "--set", "amount = 1"), "Table 'items`; DROP TABLE items; --' does not exist", "Check the name"),
                pg("a rules-file table name with a quote and a semicolon", g -> g.validate(
                        "tables:\n  \"items'; DELETE FROM items; --\":\n    columns:\n      title: [NotBlank]\n"),
                        "table 'items'; DELETE FROM items; --'", "does not exist"),
                pg("a wildcard in a table name", g -> g.update("--table", "item%", "--set", "amount = 1"),
                        "Table 'item%' does not exist", "Check the name"),

                // the rules file
                pg("an unknown constraint", g -> g.validate(RULES.replace("NotBlank", "NotBlanc")),
                        "unknown constraint 'NotBlanc'", "did you mean 'NotBlank'?"),
                pg("an unknown constraint attribute", g -> g.validate(RULES.replace("max: 20", "maxx: 20")),
                        "Size: unknown attribute 'maxx'", "Size has min, max"),
                pg("a constraint attribute of the wrong type", g -> g.validate(RULES.replace("max: 20", "max: twenty")),
                        "Size.max: expected a whole number, got \"twenty\""),
                pg("a constraint that cannot check the column's type", g -> g.validate(
                        "tables:\n  items:\n    columns:\n      amount: [NotBlank]\n"),
                        "column 'amount'", "cannot check", "Use constraints that fit the column's type"),
                pg("malformed YAML", g -> g.validate(RULES.replace("}}]", "}}")),
                        "is not valid YAML (line", "Fix the syntax"),
                pg("a rules file that does not exist", g -> args("validate", "--url", g.url(), "--rules",
                        g.dir().resolve("missing.yaml").toString(), "--out", g.out()), "missing.yaml does not exist", "Check the path"),

                // entity classes
                pg("an entity class that is not on the class path", g -> args("validate", "--url", g.url(), "--entities",
                        "com.example.Invoice", "--out", g.out()), "'com.example.Invoice' is neither a class nor a package",
                        "Check the name"),
                pg("an entity package with no entities", g -> args("validate", "--url", g.url(), "--classpath", g.dir().toString(),
                        "--entities", "com.example.model", "--out", g.out()), "'com.example.model'", "no", "Check the name"),
                pg("an entity mapping to a missing column", g -> args("validate", "--url", g.url(), "--entities",
                        "io.rowsweep.demo.model.Post", "--out", g.out()), "io.rowsweep.demo.model.Post", "body", "posts"),
                pg("a class path entry that does not exist", g -> args("validate", "--url", g.url(), "--classpath",
                        g.dir().resolve("app.jar").toString(), "--entities", "com.example.model", "--out", g.out()),
                        "app.jar' does not exist", "Fix the path"),
                pg("an empty class path", g -> args("validate", "--url", g.url(), "--classpath", "", "--entities", "com.example.model",
                        "--out", g.out()), "--classpath must not be blank"),
                pg("a fix class that is not on the class path", g -> g.update("--table", "items", "--fix", "com.example.FixItems"),
                        "Fix class 'com.example.FixItems' was not found", "Check the class name"),

                // flags that do not fit together, values out of range
                pg("--set with --fix", g -> g.update("--table", "items", "--set", "amount = 1", "--fix", "com.example.FixItems"),
                        "Both --set and --fix are given", "not both"),
                pg("--rules with --entities", g -> args("validate", "--url", g.url(), "--rules", g.rules(RULES), "--entities",
                        "com.example.model", "--out", g.out()), "--entities and --rules", "one of them at a time"),
                pg("an update with nothing to change", g -> g.update("--table", "items"), "Nothing to change", "give --set"),
                pg("--quiet with --verbose", g -> g.update("--table", "items", "--set", "amount = 1", "-q", "-v"),
                        "--quiet and --verbose contradict each other", "pass one of them"),
                pg("zero workers", g -> g.update("--table", "items", "--set", "amount = 1", "--workers", "0"),
                        "workers is 0: nothing would run the chunks", "Give at least 1 worker"),
                pg("a negative worker count", g -> g.validate(RULES, "--workers", "-2"), "--workers must be between 0 and 1024, got -2"),
                pg("a worker count from the environment that is no number", g -> g.update("--table", "items", "--set", "amount = 1"),
                        "ROWSWEEP_WORKERS: 'many' is not a valid").env(Map.of("ROWSWEEP_WORKERS", "many")),
                pg("a duration without a unit we know", g -> g.validate(RULES, "--chunk-time", "5parsecs"),
                        "--chunk-time: '5parsecs' is not a valid duration", "e.g. 500ms, 2s, 1m"),
                pg("a negative rate", g -> g.update("--table", "items", "--set", "amount = 1", "--max-rows-per-second", "-5"),
                        "--max-rows-per-second", "-5"),
                pg("an --on-error value that does not exist", g -> g.update("--table", "items", "--set", "amount = 1", "--on-error",
                        "retry"), "--on-error: 'retry' is not a valid value", "one of stop, skip-chunk"),

                // the SQL of --set and --where is checked against the table before anything runs
                pg("--set naming a missing column", g -> g.update("--table", "items", "--set", "colour = 'red'"),
                        "--set \"colour = 'red'\" does not work on table 'items'", "Fix --set", "the columns of 'items' are: id, title"),
                mariadb("--set naming a missing column on MariaDB", g -> g.update("--table", "items", "--set", "colour = 'red'"),
                        "--set \"colour = 'red'\" does not work on table 'items'", "Unknown column 'colour'", "Fix --set"),
                pg("--where with a syntax error", g -> g.update("--table", "items", "--set", "amount = 1", "--where", "amount >> = 3"),
                        "--where \"amount >> = 3\" does not work on table 'items'", "syntax error", "Fix --where"),

                // job state and files
                pg("the same job name with another spec while unfinished", g -> g.update("--table", "counters", "--set", "n = n + 2",
                        "--job", "nightly"), "Job 'nightly' has unfinished progress made with a different spec",
                        "Re-run it with its original settings", "--restart").ownSchema(BadInputCatalogueTest::failedNightlyJob),
                pg("a violations file where no folder can be made", g -> g.validate(RULES).stream()
                        .map(a -> a.equals(g.out()) ? "/proc/rowsweep-nowhere/violations.jsonl" : a).toList(),
                        "Cannot write the violations file /proc/rowsweep-nowhere/violations.jsonl", "Choose another place with --out"),
                pg("a violations file inside a file", g -> g.validate(RULES).stream()
                        .map(a -> a.equals(g.out()) ? g.file("notes.txt", "x") + "/violations.jsonl" : a).toList(),
                        "Cannot write the violations file", "notes.txt/violations.jsonl", "Not a directory", "Choose another place with --out"),
                pg("a view instead of a table", g -> g.update("--table", "items_view", "--set", "amount = 1"),
                        "'items_view' is a view in schema", "not a table", "Name the table behind the view instead"),
                mariadb("a view instead of a table on MariaDB", g -> g.validate(RULES.replace("items:", "items_view:")),
                        "'items_view' is a view in database", "Name the table behind the view instead"),
                pg("a class path file that is not a jar", g -> args("validate", "--url", g.url(), "--classpath",
                        g.file("app.jar", "not a zip file"), "--entities", "com.example.model", "--out", g.out()),
                        "app.jar' is not a jar file", "Give jar files and class folders"),
                pg("a violations file that is a device", g -> g.validate(RULES).stream()
                        .map(a -> a.equals(g.out()) ? "/dev/null" : a).toList(),
                        "Cannot write the violations file /dev/null", "is not a regular file", "Choose another place with --out"),
                pg("a job name longer than the job state keeps", g -> g.update("--table", "items", "--set", "amount = 1", "--job",
                        "j".repeat(300)), "--job must be at most 190 characters long, not 300; shorten it"),
                pg("a state schema that does not exist", g -> g.update("--table", "items", "--set", "amount = 1", "--state-schema",
                        "rowsweep_no_such_schema"), "--state-schema: The schema 'rowsweep_no_such_schema' does not exist",
                        "Create it first, or leave --state-schema out"),
                mariadb("a state database that does not exist", g -> g.validate(RULES, "--state-schema", "rowsweep_no_such_db"),
                        "--state-schema: The database 'rowsweep_no_such_db' does not exist", "Create it first"),
                pg("a state URL nothing listens on", g -> g.validate(RULES, "--state-url", "jdbc:postgresql://127.0.0.1:1/none"),
                        "Cannot open the job state database jdbc:postgresql://127.0.0.1:1/none", "leave --state-url out"),
                mariadb("a state URL for an update", g -> g.update("--table", "items", "--set", "amount = 1", "--state-url",
                        "jdbc:h2:mem:elsewhere"), "--state-url keeps the job state in another database",
                        "an update commits each chunk's checkpoint in the same transaction as its change", "Leave --state-url out"),
                pg("a constraint attribute Hibernate Validator refuses", g -> g.validate(RULES.replace("max: 20", "max: -5")),
                        "column 'title'", "a constraint cannot be used as written: The max parameter cannot be negative.",
                        "Fix its attributes in the rules file"),
                mariadb("a duration without its unit", g -> g.update("--table", "items", "--set", "amount = 1", "--lock-timeout", "500"),
                        "--lock-timeout: '500' is not a valid duration", "500ms or 500s"),
                pg("a report in a folder that does not exist", g -> g.update("--table", "items", "--set", "amount = 1", "--report",
                        g.dir().resolve("reports/run.html").toString()), "--report", "reports/run.html",
                        "does not exist; create it or choose another path"));
    }

    /** An update under job name 'nightly' that failed on one row: unfinished, resumable with its own spec only. */
    static void failedNightlyJob(Given g) {
        g.db().execute("CREATE TABLE counters (id INT PRIMARY KEY, n INT NOT NULL)",
                "INSERT INTO counters SELECT g.i, 0 FROM " + g.db().series(100));
        Cli.Result failed = Cli.run("update", "--url", g.url(), "--table", "counters", "--set",
                "n = CASE WHEN id = 50 THEN NULL ELSE n + 1 END", "--job", "nightly", "--workers", "1", "-q");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsTwoWithOneLineNamingTheCulpritAndWritesNothing(Case c) throws Exception {
        TestSchema db = c.ownSchema() ? TestDatabases.newSchema(c.db()) : schema(c.db());
        try {
            Path dir = Files.createDirectories(root.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-")));
            Given given = new Given(db, dir);
            c.setUp().accept(given);
            List<String> command = c.command().apply(given);
            Map<String, String> before = snapshot(db);
            List<Path> filesBefore = files(dir);

            Cli.Result r = Cli.run(c.env(), command.toArray(String[]::new));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            List<String> lines = r.err().lines().toList();
            assertThat(lines).as(r.toString()).isNotEmpty();
            assertThat(lines.get(0)).as(r.toString()).startsWith("rowsweep: ").contains(c.says());
            assertThat(lines.subList(1, lines.size())).as("besides the error, only the pointer to --help: " + r).allMatch(
                    l -> l.startsWith(HELP_HINT) && l.endsWith("--help' for more information.")).hasSizeLessThanOrEqualTo(1);
            assertThat(r.err()).as(r.toString()).doesNotContain("\tat ");
            assertThat(r.log()).as("log lines or driver noise besides the error").isEmpty();
            assertThat(r.out()).as(r.toString()).isEmpty();

            Map<String, String> after = snapshot(db);
            assertThat(after.keySet()).as("tables after the case").isEqualTo(before.keySet());
            if (!c.ownSchema()) {
                assertThat(after.keySet()).as("job state tables").noneMatch(t -> t.startsWith("rowsweep_"));
            }
            assertThat(after).as("every table's rows").isEqualTo(before);
            assertThat(files(dir)).as("files in the case's folder (violations file, report)").isEqualTo(filesBefore);
            assertThat(Path.of("violations.jsonl")).as("a violations file in the working directory").doesNotExist();
        } finally {
            if (c.ownSchema()) {
                db.close();
            } else {
                dropJobState(db); // a case that failed by running must not fail the cases after it
            }
        }
    }

    /** The shared schema of a database: items with a key, a table without one, and posts without the body the seed's Post maps. */
    private TestSchema schema(DatabaseKind kind) {
        return schemas.computeIfAbsent(kind, k -> {
            TestSchema db = TestDatabases.newSchema(k);
            db.execute("CREATE TABLE items (id INT PRIMARY KEY, title VARCHAR(50) NOT NULL, amount INT NOT NULL, slug VARCHAR(40))",
                    "INSERT INTO items SELECT g.i, CONCAT('item ', g.i), g.i * 10, CONCAT('s', g.i) FROM " + db.series(ITEMS),
                    "CREATE TABLE keyless (a INT, b VARCHAR(20))",
                    "INSERT INTO keyless VALUES (1, 'one'), (1, 'one'), (2, '')",
                    "CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(255))",
                    "INSERT INTO posts VALUES (1, 'first'), (2, '')",
                    "CREATE VIEW items_view AS SELECT * FROM items");
            return db;
        });
    }

    @AfterAll
    void dropSchemas() {
        schemas.values().forEach(TestSchema::close);
    }

    /** Every table of the schema with its rows (sorted), as text. */
    static Map<String, String> snapshot(TestSchema db) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = db.isMysqlFamily() ? md.getTables(db.name(), null, "%", new String[] {"TABLE"})
                    : md.getTables(null, db.name(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            String q = db.isMysqlFamily() ? "`" : "\"";
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q + db.name() + q + "." + q
                        + name.replace(q, q + q) + q)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(name, rows.stream().sorted().collect(Collectors.joining("\n")));
            }
        }
        return tables;
    }

    static void dropJobState(TestSchema db) throws SQLException {
        for (String table : snapshot(db).keySet()) {
            if (table.startsWith("rowsweep_")) {
                db.execute("DROP TABLE " + table);
            }
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }
}
