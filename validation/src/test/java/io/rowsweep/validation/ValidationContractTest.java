package io.rowsweep.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.state.JobStateReader;
import io.rowsweep.core.state.ProblemGroup;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import io.rowsweep.validation.model.Article;
import io.rowsweep.validation.model.Checks;
import io.rowsweep.validation.model.Comment;
import io.rowsweep.validation.model.Counter;
import io.rowsweep.validation.model.Event;
import io.rowsweep.validation.model.Ghost;
import io.rowsweep.validation.model.HandlingEvent;
import io.rowsweep.validation.model.LongNote;
import io.rowsweep.validation.model.Misdeclared;
import io.rowsweep.validation.model.OrderLine;
import io.rowsweep.validation.model.Parcel;
import io.rowsweep.validation.model.Post;
import io.rowsweep.validation.model.Refused;
import io.rowsweep.validation.model.ShortNote;
import io.rowsweep.validation.model.Video;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What validate promises, on every database: both rule sources find exactly the invalid rows
 * (checked with SQL against the data), with Hibernate Validator's messages; set-based checks;
 * clear configuration errors before anything is written; error records instead of crashes; and
 * violations neither lost nor duplicated across a stop and resume.
 */
abstract class ValidationContractTest {

    TestSchema db;
    @TempDir
    Path dir;
    private final List<HikariDataSource> pools = new ArrayList<>();

    abstract DatabaseKind kind();

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
    }

    @AfterEach
    void dropSchema() {
        pools.forEach(HikariDataSource::close);
        if (db != null) { // null when the database is not available and the test was skipped
            db.close();
        }
    }

    String timestamp() {
        return db.isMysqlFamily() ? "DATETIME(6)" : "TIMESTAMP";
    }

    Validation validation(int workers) {
        HikariDataSource pool = db.dataSource(workers + 1);
        pools.add(pool);
        return Validation.of(pool).workers(workers).initialChunkRows(200).minChunkRows(50).maxChunkRows(1000)
                .violationsTo(dir.resolve("violations.jsonl"));
    }

    Path rules(String yaml) throws IOException {
        Path p = dir.resolve("rules-" + System.nanoTime() + ".yaml");
        Files.writeString(p, yaml);
        return p;
    }

    Set<String> sqlIds(String sql) {
        Set<String> ids = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return ids;
    }

    static Set<String> ids(List<JsonNode> records) {
        return records.stream().map(r -> Violations.key(r, "id").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    // --- every built-in constraint -------------------------------------------------------------

    static final String[][] CHECKS = {
            // column, constraint, valid value, invalid value (SQL literals)
            {"not_null", "NotNull", "'x'", "NULL"},
            {"not_blank", "NotBlank", "'x'", "'   '"},
            {"not_empty", "NotEmpty", "'x'", "''"},
            {"size_text", "Size", "'abc'", "'a'"},
            {"min_int", "Min", "10", "9"},
            {"max_int", "Max", "10", "11"},
            {"dec_min", "DecimalMin", "1.5", "1.4"},
            {"dec_max", "DecimalMax", "9.4", "9.5"},
            {"digits", "Digits", "123.45", "1234.5"},
            {"pattern", "Pattern", "'abc'", "'ABC'"},
            {"email", "Email", "'a@b.org'", "'not an email'"},
            {"past", "Past", "'2000-01-01'", "'2999-01-01'"},
            {"past_or_present", "PastOrPresent", "'2000-01-01'", "'2999-01-01'"},
            {"future", "Future", "'2999-01-01 00:00:00'", "'2000-01-01 00:00:00'"},
            {"future_or_present", "FutureOrPresent", "'2999-01-01 00:00:00'", "'2000-01-01 00:00:00'"},
            {"positive", "Positive", "1", "0"},
            {"positive_or_zero", "PositiveOrZero", "0", "-1"},
            {"negative", "Negative", "-1", "0"},
            {"negative_or_zero", "NegativeOrZero", "0", "0.5"},
            {"assert_true", "AssertTrue", "TRUE", "FALSE"},
            {"assert_false", "AssertFalse", "FALSE", "TRUE"},
    };

    static final String CHECKS_RULES = String.join("\n",
            "tables:",
            "  checks:",
            "    columns:",
            "      not_null: [NotNull]",
            "      not_blank: [NotBlank]",
            "      not_empty: [NotEmpty]",
            "      size_text: [{Size: {min: 2, max: 5}}]",
            "      min_int: [{Min: 10}]",
            "      max_int: [{Max: {value: 10}}]",
            "      dec_min: [{DecimalMin: \"1.5\"}]",
            "      dec_max: [{DecimalMax: {value: \"9.5\", inclusive: false}}]",
            "      digits: [{Digits: {integer: 3, fraction: 2}}]",
            "      pattern: [{Pattern: {regexp: \"^[a-z]+$\"}}]",
            "      email: [Email]",
            "      past: [Past]",
            "      past_or_present: [PastOrPresent]",
            "      future: [Future]",
            "      future_or_present: [FutureOrPresent]",
            "      positive: [Positive]",
            "      positive_or_zero: [PositiveOrZero]",
            "      negative: [Negative]",
            "      negative_or_zero: [NegativeOrZero]",
            "      assert_true: [AssertTrue]",
            "      assert_false: [AssertFalse]",
            "");

    void createChecks() {
        db.execute("CREATE TABLE checks (id BIGINT PRIMARY KEY, not_null VARCHAR(20), not_blank VARCHAR(20), not_empty VARCHAR(20),"
                + " size_text VARCHAR(20), min_int INTEGER, max_int INTEGER, dec_min NUMERIC(10,3), dec_max NUMERIC(10,3),"
                + " digits NUMERIC(10,2), pattern VARCHAR(20), email VARCHAR(40), past DATE, past_or_present DATE, future "
                + timestamp() + ", future_or_present " + timestamp() + ", positive INTEGER, positive_or_zero BIGINT,"
                + " negative INTEGER, negative_or_zero NUMERIC(10,3), assert_true BOOLEAN, assert_false BOOLEAN)");
        String columns = java.util.Arrays.stream(CHECKS).map(c -> c[0]).collect(Collectors.joining(", "));
        // Row 100 is valid; row i (1..21) breaks only the i-th constraint.
        for (int row = 0; row <= CHECKS.length; row++) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < CHECKS.length; c++) {
                values.add(row == c + 1 ? CHECKS[c][3] : CHECKS[c][2]);
            }
            db.execute("INSERT INTO checks (id, " + columns + ") VALUES (" + (row == 0 ? 100 : row) + ", " + String.join(", ", values) + ")");
        }
    }

    @Test
    void everyBuiltInConstraintGivesTheSameViolationsAndMessagesFromRulesAndAnnotations() throws IOException {
        createChecks();
        ValidationSummary fromEntities = validation(2).entities(Checks.class).run();
        List<JsonNode> entityRecords = Violations.read(fromEntities.violations());
        ValidationSummary fromRules = validation(2).rules(rules(CHECKS_RULES)).violationsTo(dir.resolve("rules.jsonl")).run();
        List<JsonNode> ruleRecords = Violations.read(fromRules.violations());

        List<String> expected = new ArrayList<>();
        for (int c = 0; c < CHECKS.length; c++) {
            expected.add((c + 1) + "|" + CHECKS[c][0] + "|" + CHECKS[c][1]);
        }
        assertThat(Violations.idColumnConstraint(entityRecords)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Violations.idColumnConstraint(ruleRecords)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(messagesById(ruleRecords)).isEqualTo(messagesById(entityRecords));
        Map<String, String> messages = messagesById(entityRecords);
        assertThat(messages.get("4")).isEqualTo("size must be between 2 and 5");
        assertThat(messages.get("8")).isEqualTo("must be less than 9.5");
        assertThat(messages.get("9")).isEqualTo("numeric value out of bounds (<3 digits>.<2 digits> expected)");
        assertThat(messages.get("1")).isEqualTo("must not be null");
        assertThat(entityRecords.get(0).get("property").isNull()).isFalse();
        assertThat(ruleRecords.get(0).get("property").isNull()).isTrue();

        assertThat(fromEntities.exitCode()).isEqualTo(1);
        TableValidation t = fromEntities.tables().get(0);
        assertThat(t.rowsChecked()).isEqualTo(CHECKS.length + 1);
        assertThat(t.invalidRows()).isEqualTo(CHECKS.length);
        assertThat(t.violationsByConstraint()).containsEntry("NotBlank", 1L).containsEntry("AssertFalse", 1L).hasSize(CHECKS.length);
    }

    private static Map<String, String> messagesById(List<JsonNode> records) {
        Map<String, String> m = new java.util.TreeMap<>();
        records.forEach(r -> m.put(Violations.key(r, "id").asText(), r.get("message").asText()));
        return m;
    }

    // --- class-level, custom constraints, groups, validator errors ------------------------------

    void createEvents() {
        db.execute("CREATE TABLE event (id BIGINT PRIMARY KEY, event_code VARCHAR(20), organizer VARCHAR(40), start_date DATE, end_date DATE)",
                "INSERT INTO event VALUES (1, 'ok', 'Ann', '2020-01-01', '2020-01-02')",
                "INSERT INTO event VALUES (2, 'Not A Slug', 'Bob', '2020-01-01', '2020-01-02')",
                "INSERT INTO event VALUES (3, 'ok', 'Cy', '2020-02-01', '2020-01-02')",
                "INSERT INTO event VALUES (4, 'ok', '', '2020-01-01', '2020-01-02')",
                "INSERT INTO event VALUES (5, 'boom', 'Dee', '2020-01-01', '2020-01-02')",
                "INSERT INTO event VALUES (6, 'also bad', 'Eve', '2020-01-01', '2020-01-02')");
    }

    @Test
    void classLevelAndCustomConstraintsAndAThrowingValidator() {
        createEvents();
        ValidationSummary s = validation(2).entities(Event.class).run();
        List<JsonNode> records = Violations.read(s.violations());
        assertThat(Violations.idColumnConstraint(records)).containsExactlyInAnyOrder(
                "2|event_code|Slug", "6|event_code|Slug", "3|null|ChronologicalDates", "5|null|ValidatorError");
        JsonNode error = records.stream().filter(r -> r.get("constraint").asText().equals("ValidatorError")).findFirst().orElseThrow();
        assertThat(error.get("message").asText()).contains("IllegalStateException").contains("slug validator exploded on boom");
        assertThat(sqlIds("SELECT id FROM event WHERE start_date > end_date")).containsExactly("3");
        assertThat(s.run().status()).isEqualTo(RunStatus.DONE);
    }

    @Test
    void groupsChooseWhichConstraintsApply() {
        createEvents();
        List<JsonNode> strict = Violations.read(validation(1).entities(Event.class).groups(Event.Strict.class).run().violations());
        assertThat(Violations.idColumnConstraint(strict)).containsExactly("4|organizer|NotBlank");
        List<JsonNode> byName = Violations.read(validation(1).entities(Event.class).groups(Event.Strict.class.getName())
                .violationsTo(dir.resolve("by-name.jsonl")).run().violations());
        assertThat(Violations.idColumnConstraint(byName)).containsExactly("4|organizer|NotBlank");
    }

    // --- mapping: embedded ids, enums, dates, embeddables, inheritance ---------------------------

    @Test
    void embeddedIdsEnumsDatesAndEmbeddables() {
        db.execute("CREATE TABLE order_lines (order_id BIGINT NOT NULL, line_no INTEGER NOT NULL, status VARCHAR(20), priority INTEGER,"
                        + " ordered_on DATE, created_at " + timestamp() + ", quantity INTEGER NOT NULL, street VARCHAR(40), ship_city VARCHAR(40),"
                        + " PRIMARY KEY (order_id, line_no))",
                "INSERT INTO order_lines VALUES (1, 1, 'NEW', 0, '2020-01-01', '2020-01-01 10:00:00', 1, 'Main St', 'Quito')",
                "INSERT INTO order_lines VALUES (1, 2, NULL, 1, '2020-01-01', '2020-01-01 10:00:00', 1, 'Main St', 'Quito')",
                "INSERT INTO order_lines VALUES (2, 1, 'SHIPPED', 1, '2999-01-01', '2020-01-01 10:00:00', 1, NULL, NULL)",
                "INSERT INTO order_lines VALUES (2, 2, 'CANCELLED', 0, NULL, NULL, 0, ' ', 'Lima')",
                "INSERT INTO order_lines VALUES (3, 1, 'LOST', 5, NULL, '2020-01-01 10:00:00', 1, 'x', 'y')");
        List<JsonNode> records = Violations.read(validation(2).entities(OrderLine.class).run().violations());
        Set<String> found = records.stream().map(r -> Violations.key(r, "order_id").asLong() + "/" + Violations.key(r, "line_no").asLong()
                + "|" + Violations.text(r, "column").toLowerCase(java.util.Locale.ROOT) + "|" + Violations.text(r, "property") + "|" + r.get("constraint").asText())
                .collect(Collectors.toSet());
        assertThat(found).containsExactlyInAnyOrder(
                "1/2|status|status|NotNull",
                "2/1|ordered_on|orderedOn|Past",
                "2/2|created_at|createdAt|NotNull",
                "2/2|quantity|quantity|Positive",
                "2/2|street|address.street|NotBlank",
                "3/1|status|status|ConversionError",
                "3/1|priority|priority|ConversionError");
        // A value that cannot be converted is reported once: no NotNull on the field it could not be stored in (issue 12).
        JsonNode conversion = records.stream().filter(r -> r.get("constraint").asText().equals("ConversionError")
                && r.get("column").asText().equalsIgnoreCase("status")).findFirst().orElseThrow();
        assertThat(conversion.get("value").asText()).isEqualTo("LOST");
        assertThat(conversion.get("message").asText()).contains("LOST").contains("Status");
    }

    @Test
    void singleTableInheritanceValidatesEachRowAsItsSubclassWithMappedSuperclassFields() {
        db.execute("CREATE TABLE contents (id BIGINT PRIMARY KEY, kind VARCHAR(5) NOT NULL, title VARCHAR(40), body VARCHAR(40),"
                        + " seconds INTEGER, created_at " + timestamp() + ")",
                "INSERT INTO contents VALUES (1, 'A', 'Title', 'Body', NULL, '2020-01-01 00:00:00')",
                "INSERT INTO contents VALUES (2, 'A', '', 'Body', NULL, '2020-01-01 00:00:00')",
                "INSERT INTO contents VALUES (3, 'V', '', NULL, 10, '2020-01-01 00:00:00')",
                "INSERT INTO contents VALUES (4, 'V', 'Clip', NULL, -1, '2020-01-01 00:00:00')",
                "INSERT INTO contents VALUES (5, 'A', 'T', 'B', NULL, NULL)",
                "INSERT INTO contents VALUES (6, 'X', NULL, NULL, NULL, NULL)");
        ValidationSummary s = validation(1).entities(Article.class, Video.class).run();
        assertThat(Violations.idColumnConstraint(Violations.read(s.violations()))).containsExactlyInAnyOrder(
                "2|title|NotBlank", "4|seconds|Positive", "5|created_at|NotNull");
        assertThat(s.tables()).extracting(t -> t.table().toLowerCase(java.util.Locale.ROOT)).containsExactly("contents");
        assertThat(s.tables().get(0).rowsChecked()).isEqualTo(6);
    }

    @Test
    void theRowPreCheckFollowsTheDiscriminatorToEachSubclassesConstraints() {
        db.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, kind VARCHAR(5) NOT NULL, title VARCHAR(40), body VARCHAR(40))",
                "INSERT INTO notes VALUES (1, 'S', 'Hi', 'short')",
                "INSERT INTO notes VALUES (2, 'S', 'Hi', 'too long')",
                "INSERT INTO notes VALUES (3, 'S', ' ', NULL)",
                "INSERT INTO notes VALUES (4, 'L', 'Hi', 'a body well over five characters')",
                "INSERT INTO notes VALUES (5, 'L', 'Hi', NULL)",
                "INSERT INTO notes VALUES (6, 'L', NULL, 'x')",
                "INSERT INTO notes VALUES (7, 'X', NULL, NULL)");
        ValidationSummary s = validation(1).entities(ShortNote.class, LongNote.class).run();
        // Only Size limits a short note's body, only NotNull a long note's; 'X' names neither class and is skipped.
        assertThat(Violations.idColumnConstraint(Violations.read(s.violations()))).containsExactlyInAnyOrder(
                "2|body|Size", "3|title|NotBlank", "5|body|NotNull", "6|title|NotBlank");
        assertThat(s.tables().get(0).rowsChecked()).isEqualTo(7);
    }

    @Test
    void anEmbeddableWhoseColumnsAreAllNullIsNullAndItsPrimitivesAreNoProblem() {
        db.execute("CREATE TABLE parcels (id BIGINT PRIMARY KEY, width INTEGER, height INTEGER)",
                "INSERT INTO parcels VALUES (1, NULL, NULL)", "INSERT INTO parcels VALUES (2, 0, 3)",
                "INSERT INTO parcels VALUES (3, 5, NULL)");
        List<JsonNode> records = Violations.read(validation(1).entities(Parcel.class).run().violations());
        // Row 1: no embeddable, nothing to report; row 3: an embeddable whose primitive column is NULL cannot be loaded.
        assertThat(Violations.idColumnConstraint(records)).containsExactlyInAnyOrder("2|width|Positive", "3|height|ConversionError");
    }

    @Test
    void anEntityHibernateRefusesIsSkippedWithItsReasonAndNeverBlocksOtherTables() {
        createEvents();
        ValidationSummary all = validation(1).entities(Event.class, Refused.class).run();
        assertThat(all.tables()).extracting(t -> t.table().toLowerCase(java.util.Locale.ROOT)).containsExactly("event");
        Coverage refused = all.coverage().stream().filter(c -> c.name().equals(Refused.class.getName())).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(Coverage.SKIPPED);
        assertThat(refused.reason()).contains("Hibernate ORM refuses").contains("notAnEntity");
        ValidationSummary named = validation(1).entities(Event.class, Refused.class).tables("event")
                .violationsTo(dir.resolve("named.jsonl")).run();
        assertThat(named.invalidRows()).isEqualTo(all.invalidRows()).isEqualTo(4);
    }

    @Test
    void violationsNameTheTableAsTheDatabaseNamesIt() {
        db.execute("CREATE TABLE HandlingEvent (id BIGINT PRIMARY KEY, location VARCHAR(20))",
                "INSERT INTO HandlingEvent VALUES (1, 'Quito')", "INSERT INTO HandlingEvent VALUES (2, ' ')");
        ValidationSummary s = validation(1).entities(HandlingEvent.class).naming("jpa").run();
        String real = switch (kind()) {
            case POSTGRES -> "handlingevent";
            case H2 -> "HANDLINGEVENT";
            default -> "HandlingEvent";
        };
        assertThat(Violations.read(s.violations())).singleElement().satisfies(r -> assertThat(r.get("table").asText()).isEqualTo(real));
        assertThat(s.tables()).extracting(TableValidation::table).containsExactly(real);
    }

    @Test
    void excludedEntitiesAndTablesAreLeftOutAndSaidSo() {
        createPostsAndComments(20);
        ValidationSummary s = validation(1).entities(Post.class, Comment.class).exclude("comment").run();
        assertThat(s.tables()).extracting(t -> t.table().toLowerCase(java.util.Locale.ROOT)).containsExactly("posts");
        assertThat(s.coverage()).filteredOn(c -> c.name().equals("Comment")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(Coverage.EXCLUDED));
        ValidationSummary byEntity = validation(1).entities(Post.class, Comment.class).exclude("Post")
                .violationsTo(dir.resolve("by-entity.jsonl")).run();
        assertThat(byEntity.tables()).extracting(t -> t.table().toLowerCase(java.util.Locale.ROOT)).containsExactly("comment");
    }

    // --- set-based checks ----------------------------------------------------------------------

    void createPostsAndComments(int posts) {
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100), slug VARCHAR(40))",
                "CREATE TABLE comment (id BIGINT PRIMARY KEY, post_id BIGINT, text VARCHAR(40))");
        db.execute("INSERT INTO posts SELECT g.i, CONCAT('title ', g.i), 'body', CONCAT('slug-', MOD(g.i, " + (posts - 7) + ")) FROM "
                + db.series(posts));
        db.execute("INSERT INTO comment SELECT g.i, CASE WHEN MOD(g.i, 50) = 0 THEN g.i + 1000000 WHEN MOD(g.i, 77) = 0 THEN NULL"
                + " ELSE MOD(g.i, " + posts + ") + 1 END, 'hi' FROM " + db.series(3000));
    }

    @Test
    void uniqueAndReferenceChecksFindExactlyTheRowsSqlFinds() throws IOException {
        createPostsAndComments(2000);
        Set<String> duplicated = sqlIds("SELECT id FROM posts WHERE slug IN (SELECT slug FROM posts GROUP BY slug HAVING count(*) > 1)");
        Set<String> orphans = sqlIds("SELECT c.id FROM comment c WHERE c.post_id IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM posts p WHERE p.id = c.post_id)");
        Set<String> nullPost = sqlIds("SELECT id FROM comment WHERE post_id IS NULL");
        assertThat(duplicated).hasSize(14);
        assertThat(orphans).isNotEmpty();

        ValidationSummary s = validation(2).entities(Post.class, Comment.class).run();
        List<JsonNode> records = Violations.read(s.violations());
        assertThat(idsOf(records, "posts", "Unique")).isEqualTo(duplicated);
        assertThat(idsOf(records, "comment", "References")).isEqualTo(orphans);
        assertThat(idsOf(records, "comment", "NotNull")).isEqualTo(nullPost);
        JsonNode unique = records.stream().filter(r -> r.get("constraint").asText().equals("Unique")).findFirst().orElseThrow();
        assertThat(unique.get("message").asText()).isEqualTo("must be unique, but 2 rows have this value");
        assertThat(unique.get("column").asText()).isEqualToIgnoringCase("slug");
        assertThat(unique.get("property").asText()).isEqualTo("slug");
        assertProblemGroupsAgreeWithTheFile(s);

        db.execute("CREATE INDEX posts_slug ON posts (slug)");
        Path rules = rules("tables:\n  posts:\n    unique: [[slug]]\n  comment:\n    columns:\n      post_id: [NotNull, {References: posts.id}]\n");
        List<JsonNode> fromRules = Violations.read(validation(2).rules(rules).violationsTo(dir.resolve("rules.jsonl")).run().violations());
        assertThat(idsOf(fromRules, "posts", "Unique")).isEqualTo(duplicated);
        assertThat(idsOf(fromRules, "comment", "References")).isEqualTo(orphans);
        assertThat(idsOf(fromRules, "comment", "NotNull")).isEqualTo(nullPost);

        // A row that breaks a row rule and the uniqueness check is one invalid row.
        db.execute("UPDATE posts SET title = NULL WHERE id IN (SELECT id FROM (SELECT id FROM posts WHERE slug = 'slug-1') x)");
        ValidationSummary again = validation(2).entities(Post.class).violationsTo(dir.resolve("again.jsonl")).run();
        assertThat(again.tables().get(0).invalidRows()).isEqualTo(db.queryLong("SELECT count(*) FROM posts WHERE title IS NULL"
                + " OR slug IN (SELECT slug FROM posts GROUP BY slug HAVING count(*) > 1)"));
        assertThat(again.tables().get(0).violations()).isGreaterThan(again.tables().get(0).invalidRows());
    }

    @Test
    void uniqueCheckWalksAnIndexOnNotNullColumnsInChunks() {
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100), slug VARCHAR(40) NOT NULL)",
                "CREATE INDEX posts_slug ON posts (slug)");
        db.execute("INSERT INTO posts SELECT g.i, 't', 'b', CONCAT('s', MOD(g.i, 4990)) FROM " + db.series(5000));
        ValidationSummary s = validation(2).entities(Post.class).run();
        Set<String> duplicated = sqlIds("SELECT id FROM posts WHERE slug IN (SELECT slug FROM posts GROUP BY slug HAVING count(*) > 1)");
        assertThat(idsOf(Violations.read(s.violations()), "posts", "Unique")).isEqualTo(duplicated).hasSize(20);
        var uniqueTask = s.run().tables().stream().filter(t -> t.table().contains("unique")).findFirst().orElseThrow();
        assertThat(uniqueTask.key()).isEqualToIgnoringCase("index (slug)");
        assertThat(uniqueTask.chunks()).isGreaterThan(3);
        assertThat(uniqueTask.rows()).isEqualTo(5000);
    }

    static Set<String> idsOf(List<JsonNode> records, String table, String constraint) {
        return ids(records.stream().filter(r -> r.get("table").asText().equalsIgnoreCase(table) && r.get("constraint").asText().equals(constraint))
                .collect(Collectors.toList()));
    }

    // --- configuration errors ------------------------------------------------------------------

    RowSweepException configurationError(Runnable r) {
        RowSweepException e = catchThrowableOfType(RowSweepException.class, r::run);
        assertThat(e).as("expected a RowSweepException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        return e;
    }

    @Test
    void rulesNamingAMissingTableOrColumnOrReferenceAreConfigurationErrorsBeforeAnythingIsWritten() throws IOException {
        createPostsAndComments(20);
        Path out = dir.resolve("violations.jsonl");
        Path missingTable = rules("tables:\n  postz:\n    columns:\n      title: [NotBlank]\n");
        assertThat(configurationError(() -> validation(1).rules(missingTable).run()).getMessage())
                .contains(missingTable.toString()).contains("postz").containsIgnoringCase("'posts'");
        Path missingColumn = rules("tables:\n  posts:\n    columns:\n      titel: [NotBlank]\n");
        assertThat(configurationError(() -> validation(1).rules(missingColumn).run()).getMessage())
                .contains(missingColumn.toString()).contains("'titel'").containsIgnoringCase("title");
        Path badReference = rules("tables:\n  comment:\n    columns:\n      post_id: [{References: posts.uid}]\n");
        assertThat(configurationError(() -> validation(1).rules(badReference).run()).getMessage())
                .contains("post_id").contains("uid");
        Path wrongType = rules("tables:\n  posts:\n    columns:\n      id: [NotBlank]\n");
        assertThat(configurationError(() -> validation(1).rules(wrongType).run()).getMessage())
                .contains("'id'").contains("NotBlank");
        assertThat(out).doesNotExist();
        assertThat(db.queryLong("SELECT count(*) FROM posts")).isEqualTo(20);
    }

    @Test
    void anEntityColumnThatDoesNotExistIsAConfigurationErrorNamingEntityFieldAndTable() {
        createPostsAndComments(20);
        String message = configurationError(() -> validation(1).entities(Ghost.class).run()).getMessage();
        assertThat(message).contains(Ghost.class.getName()).contains("'subtitle'").containsIgnoringCase("'posts'")
                .containsIgnoringCase("title, body, slug");
        assertThat(dir.resolve("violations.jsonl")).doesNotExist();
    }

    @Test
    void aConstraintHibernateValidatorRefusesIsAConfigurationErrorNamingTheEntity() {
        createPostsAndComments(20);
        String message = configurationError(() -> validation(1).entities(Misdeclared.class).run()).getMessage();
        assertThat(message).contains(Misdeclared.class.getName()).contains("groups").contains("Fix the constraint declarations");
        assertThat(dir.resolve("violations.jsonl")).doesNotExist();
    }

    // --- conversion errors ---------------------------------------------------------------------

    @Test
    void aValueThatCannotBeConvertedIsReportedAndTheRunGoesOn() {
        db.execute("CREATE TABLE counter (id BIGINT PRIMARY KEY, views VARCHAR(20), status INTEGER)",
                "INSERT INTO counter VALUES (1, '12', 0)", "INSERT INTO counter VALUES (2, 'many', 1)",
                "INSERT INTO counter VALUES (3, '-4', 2)", "INSERT INTO counter VALUES (4, '7', 9)");
        ValidationSummary s = validation(1).entities(Counter.class).run();
        List<JsonNode> records = Violations.read(s.violations());
        assertThat(Violations.idColumnConstraint(records)).containsExactlyInAnyOrder(
                "2|views|ConversionError", "3|views|Min", "4|status|ConversionError");
        assertThat(records.stream().filter(r -> Violations.key(r, "id").asInt() == 2).findFirst().orElseThrow().get("value").asText())
                .isEqualTo("many");
        assertThat(s.run().status()).isEqualTo(RunStatus.DONE);
        assertThat(s.tables().get(0).rowsChecked()).isEqualTo(4);
    }

    // --- output --------------------------------------------------------------------------------

    @Test
    void aChunkKeepsAtMostAHundredKindsOfProblemAndCountsTheRestInOneGroup() throws IOException {
        int columns = 120;
        StringBuilder create = new StringBuilder("CREATE TABLE wide (id BIGINT PRIMARY KEY");
        StringBuilder yaml = new StringBuilder("tables:\n  wide:\n    columns:\n");
        for (int i = 1; i <= columns; i++) {
            create.append(", c").append(i).append(" INT");
            yaml.append("      c").append(i).append(": [NotNull]\n");
        }
        db.execute(create.append(")").toString(), "INSERT INTO wide (id) SELECT g.i FROM " + db.series(300));
        ValidationSummary s = validation(2).rules(rules(yaml.toString())).run();
        assertThat(s.violationCount()).isEqualTo(columns * 300L);

        List<ProblemGroup> groups;
        try (Connection c = db.connect()) {
            groups = JobStateReader.of(c, null).problemGroups(s.run().job(), 5);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(groups.stream().mapToLong(ProblemGroup::count).sum()).as("every violation counted").isEqualTo(columns * 300L);
        ProblemGroup other = groups.stream().filter(g -> g.kind().equals("(other constraints)")).findFirst().orElseThrow();
        assertThat(other.column()).isNull();
        assertThat(other.count()).isEqualTo((columns - 99) * 300L);
        assertThat(groups).hasSize(100);
    }

    @Test
    void csvHoldsTheSameRecordsAsJsonLines() throws IOException {
        createEvents();
        db.execute("UPDATE event SET organizer = 'has, comma and \"quotes\"' WHERE id = 3");
        Path jsonl = validation(1).entities(Event.class).run().violations();
        List<JsonNode> json = Violations.read(jsonl);
        assertThat(Files.readAllLines(jsonl)).as("one JSON object per line, nothing before it").hasSize(json.size())
                .allMatch(line -> line.startsWith("{\"table\":"));
        Path csv = dir.resolve("v.csv");
        ValidationSummary s = validation(1).entities(Event.class).format(ViolationFormat.CSV).violationsTo(csv).run();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("table,key,column,property,constraint,message,value");
        assertThat(lines).hasSize(json.size() + 1);
        Set<String> fromCsv = new HashSet<>();
        try (var in = Files.newBufferedReader(csv)) {
            io.rowsweep.validation.internal.CsvTestAccess.records(in).stream().skip(1)
                    .forEach(r -> fromCsv.add(r.get(0) + "|" + r.get(1) + "|" + r.get(4) + "|" + r.get(5)));
        }
        Set<String> fromJson = json.stream().map(r -> r.get("table").asText() + "|" + r.get("key").toString() + "|"
                + r.get("constraint").asText() + "|" + r.get("message").asText()).collect(Collectors.toSet());
        assertThat(fromCsv).isEqualTo(fromJson);
        assertThat(s.tables().get(0).violationsByConstraint()).containsEntry("Slug", 2L).containsEntry("ValidatorError", 1L);
    }

    // --- stop and resume -----------------------------------------------------------------------

    @Test
    void aStoppedRunResumesWithoutLosingOrDuplicatingViolations() {
        ValidationSummary first = stoppedAfterSixChunks("CASE WHEN MOD(g.i, 7) = 0 THEN '' ELSE 'body' END");
        assertThat(first.exitCode()).isEqualTo(130);
        long partial = Violations.read(first.violations()).size();

        ValidationSummary second = validation(2).entities(Post.class).run();
        assertThat(second.run().resumed()).isTrue();
        assertThat(second.run().status()).isEqualTo(RunStatus.DONE);
        List<JsonNode> records = Violations.read(second.violations());
        Set<String> expected = sqlIds("SELECT id FROM posts WHERE title IS NULL OR body = ''");
        long expectedRecords = db.queryLong("SELECT count(*) FROM posts WHERE title IS NULL")
                + db.queryLong("SELECT count(*) FROM posts WHERE body = ''");
        assertThat(partial).isGreaterThan(0).isLessThan(expectedRecords);
        List<String> keys = Violations.idColumnConstraint(records);
        assertThat(new HashSet<>(keys)).as("no duplicates").hasSize(keys.size());
        assertThat(records).hasSize((int) expectedRecords);
        assertThat(ids(records)).isEqualTo(expected);
        // The summaries count what the file holds: the first run's part, then all of it.
        assertThat(first.tables().get(0).violationsByConstraint().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(partial);
        assertThat(second.tables().get(0).violationsByConstraint()).isEqualTo(java.util.Map.of("NotBlank", expectedRecords));
        assertThat(second.tables().get(0).rowsChecked()).isEqualTo(20_000);
        assertThat(second.violationCount()).isEqualTo(expectedRecords);
        assertProblemGroupsAgreeWithTheFile(second);
    }

    /**
     * The job state's problem groups (what the console shows) count exactly the violations file's
     * records by table, column and constraint, and each example is one of those records.
     */
    void assertProblemGroupsAgreeWithTheFile(ValidationSummary summary) {
        List<JsonNode> records = Violations.read(summary.violations());
        Map<String, Long> fromFile = new TreeMap<>();
        Set<String> recordRows = new HashSet<>();
        for (JsonNode r : records) {
            String group = r.get("table").asText() + "|" + columnOrProperty(r) + "|" + r.get("constraint").asText();
            fromFile.merge(group, 1L, Long::sum);
            recordRows.add(group + "|" + r.get("key") + "|" + Violations.text(r, "message"));
        }
        List<ProblemGroup> groups;
        try (Connection c = db.connect()) {
            groups = JobStateReader.of(c, null).problemGroups(summary.run().job(), 5);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Long> fromState = new TreeMap<>();
        for (ProblemGroup g : groups) {
            String group = g.table() + "|" + g.column() + "|" + g.kind();
            assertThat(fromState.put(group, g.count())).as("one group per table, column and constraint: " + group).isNull();
            assertThat(g.samples()).as(group).hasSize((int) Math.min(5, g.count()));
            for (ProblemGroup.Sample sample : g.samples()) {
                assertThat(recordRows).as("example of " + group).contains(group + "|" + Violations.json(sample.key()) + "|" + sample.message());
            }
        }
        assertThat(fromState).isNotEmpty().isEqualTo(fromFile);
        assertThat(groups).extracting(ProblemGroup::count).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    private static String columnOrProperty(JsonNode r) {
        String column = Violations.text(r, "column");
        return column != null ? column : Violations.text(r, "property");
    }

    /** 20,000 posts whose every tenth title is missing, with the body {@code body} makes of {@code g.i}; a run of them stopped after its sixth chunk. */
    ValidationSummary stoppedAfterSixChunks(String body) {
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100), slug VARCHAR(40))");
        db.execute("INSERT INTO posts SELECT g.i * 3, CASE WHEN MOD(g.i, 10) = 0 THEN NULL ELSE 'title' END, " + body + ","
                + " CONCAT('s', g.i) FROM " + db.series(20_000));
        AtomicInteger chunks = new AtomicInteger();
        Validation[] current = new Validation[1];
        current[0] = validation(2).entities(Post.class).listener(new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent event) {
                if (chunks.incrementAndGet() == 6) {
                    current[0].requestStop();
                }
            }
        });
        ValidationSummary stopped = current[0].run();
        assertThat(stopped.run().status()).isEqualTo(RunStatus.STOPPED);
        return stopped;
    }

    @Test
    void aViolationsFileEmptiedOrDeletedBeforeAResumeIsRefusedNotCountedAsWhole() throws Exception {
        ValidationSummary first = stoppedAfterSixChunks("'body'");
        Path file = first.violations();
        byte[] written = Files.readAllBytes(file);
        assertThat(written).isNotEmpty();
        String jobState = db.queryString("SELECT CONCAT(status, '/', run_no) FROM rowsweep_job");

        for (byte[] changed : List.of(new byte[0], java.util.Arrays.copyOf(written, written.length - 3))) {
            Files.write(file, changed);
            RowSweepException refused = catchThrowableOfType(RowSweepException.class, () -> validation(2).entities(Post.class).run());
            assertThat(refused.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(refused.getMessage()).contains("no longer holds what the job's done chunks wrote", "--restart");
            assertThat(Files.readAllBytes(file)).as("the file is left as it was").isEqualTo(changed);
        }
        Files.delete(file);
        RowSweepException deleted = catchThrowableOfType(RowSweepException.class, () -> validation(2).entities(Post.class).run());
        assertThat(deleted.getMessage()).contains("no longer holds");
        assertThat(db.queryString("SELECT CONCAT(status, '/', run_no) FROM rowsweep_job")).as("job").startsWith("FAILED/")
                .endsWith(jobState.substring(jobState.indexOf('/')));

        Files.write(file, written); // put back: the resume goes on from it
        ValidationSummary resumed = validation(2).entities(Post.class).run();
        assertThat(resumed.run().resumed()).isTrue();
        assertThat(Violations.read(resumed.violations())).hasSize((int) db.queryLong("SELECT count(*) FROM posts WHERE title IS NULL"));
        ValidationSummary again = validation(2).entities(Post.class).restart(true).run();
        assertThat(again.violationCount()).isEqualTo(db.queryLong("SELECT count(*) FROM posts WHERE title IS NULL"));
    }

    @Test
    void aSecondRunWritingTheSameViolationsFileIsRefused() throws Exception {
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100), slug VARCHAR(40))");
        db.execute("INSERT INTO posts SELECT g.i, CASE WHEN MOD(g.i, 10) = 0 THEN NULL ELSE 'title' END, 'body', CONCAT('s', g.i)"
                + " FROM " + db.series(5_000));
        db.execute("CREATE TABLE drafts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100), slug VARCHAR(40))");
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<ValidationSummary> first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                validation(1).entities(Post.class).listener(new ProgressListener() {
                    @Override
                    public void chunkFinished(ChunkEvent event) {
                        writing.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).run());
        assertThat(writing.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try {
            RowSweepException refused = catchThrowableOfType(RowSweepException.class,
                    () -> validation(1).rules(rules("tables:\n  drafts:\n    columns:\n      title: [NotNull]\n")).run());
            assertThat(refused.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(refused.getMessage()).contains("is being written by another rowsweep run", "another --out");
        } finally {
            release.countDown();
        }
        ValidationSummary done = first.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(Violations.read(done.violations())).hasSize((int) db.queryLong("SELECT count(*) FROM posts WHERE title IS NULL"));
    }

    // --- other sessions writing meanwhile ---------------------------------------------------

    @Test
    void rowsInsertedUpdatedAndDeletedByOtherSessionsDuringTheRunAreCheckedAtMostOnceAndSurvivorsExactlyOnce() throws Exception {
        int rows = 12_000;
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, title VARCHAR(100), body VARCHAR(100))",
                "INSERT INTO posts SELECT g.i * 2, CASE WHEN MOD(g.i, 5) = 0 THEN NULL ELSE 'title' END, 'body' FROM " + db.series(rows));
        Set<Long> originalInvalid = sqlIds("SELECT id FROM posts WHERE title IS NULL").stream().map(Long::valueOf)
                .collect(Collectors.toSet());
        AtomicBoolean running = new AtomicBoolean(true);
        Set<Long> deleted = ConcurrentHashMap.newKeySet();
        AtomicInteger writes = new AtomicInteger();
        Thread writer = new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                for (long i = 1; running.get(); i++) {
                    st.executeUpdate("INSERT INTO posts VALUES (" + (4L * rows + i) + ", NULL, 'tail')");
                    try {
                        st.executeUpdate("INSERT INTO posts VALUES (" + (2 * random.nextLong(rows) + 1) + ", NULL, 'gap')");
                    } catch (SQLException taken) {
                        // this gap was filled before
                    }
                    st.executeUpdate("UPDATE posts SET body = 'edited' WHERE id = " + 2 * (1 + random.nextLong(rows)));
                    long doomed = 2 * (1 + random.nextLong(rows));
                    if (i % 4 == 0 && st.executeUpdate("DELETE FROM posts WHERE id = " + doomed) == 1) {
                        deleted.add(doomed);
                    }
                    writes.addAndGet(4);
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        ValidationSummary summary;
        try {
            summary = validation(2).rules(rules("tables:\n  posts:\n    columns:\n      title: [NotNull]\n")).maxChunkRows(300)
                    .pauseBetweenChunks(Duration.ofMillis(5)).run();
        } finally {
            running.set(false);
            writer.join();
        }
        assertThat(summary.run().status()).isEqualTo(RunStatus.DONE);
        assertThat(writes.get()).as("writes by the other session during the run").isGreaterThan(100);
        assertThat(deleted).as("rows deleted during the run").isNotEmpty();
        List<Long> reported = Violations.read(summary.violations()).stream().map(r -> Violations.key(r, "id").asLong()).toList();
        assertThat(reported).as("no row reported twice").doesNotHaveDuplicates();
        Set<Long> survivors = new HashSet<>(originalInvalid);
        survivors.removeAll(deleted);
        assertThat(reported).as("invalid rows present from start to end").containsAll(survivors);
        assertThat(reported.stream().filter(id -> id % 2 == 0 && id <= 2L * rows && !originalInvalid.contains(id)))
                .as("valid rows reported").isEmpty();
    }

    // --- the seed's schema, small -------------------------------------------------------------

    static final String[] SEED_TABLES = {"sub_page", "static_page", "essay", "news", "page", "article", "post"};

    @Test
    void onASeedLikeSchemaBothRuleSourcesFindExactlyTheInvalidRowsSqlFinds() throws IOException {
        int[] sizes = {220, 220, 400, 400, 400, 2500, 2900};
        for (int t = 0; t < SEED_TABLES.length; t++) {
            String name = SEED_TABLES[t];
            db.execute("CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, title VARCHAR(255), body TEXT)");
            // article has sparse ids; titles and bodies are sometimes null or blank
            String id = name.equals("article") ? "g.i * g.i + 7" : "g.i";
            db.execute("INSERT INTO " + name + " SELECT " + id + ", CASE WHEN MOD(g.i, 31) = 0 THEN NULL WHEN MOD(g.i, 37) = 0 THEN '  '"
                    + " ELSE CONCAT('Title ', g.i) END, CASE WHEN MOD(g.i, 41) = " + t + " THEN '' WHEN MOD(g.i, 43) = 0 THEN NULL"
                    + " ELSE 'Body text' END FROM " + db.series(sizes[t]));
        }
        db.execute("DELETE FROM article WHERE MOD(id, 3) = 0");
        StringBuilder yaml = new StringBuilder("tables:\n");
        for (String name : SEED_TABLES) {
            yaml.append("  ").append(name).append(":\n    columns:\n      title: [NotBlank, {Size: {max: 255}}]\n      body: [NotBlank]\n");
        }
        ValidationSummary fromRules = validation(2).rules(rules(yaml.toString())).run();
        ValidationSummary fromEntities = validation(2).entities(null, "io.rowsweep.validation.seed")
                .violationsTo(dir.resolve("entities.jsonl")).run();
        List<JsonNode> ruleRecords = Violations.read(fromRules.violations());
        List<JsonNode> entityRecords = Violations.read(fromEntities.violations());
        for (String name : SEED_TABLES) {
            Set<String> invalid = sqlIds("SELECT id FROM " + name + " WHERE title IS NULL OR TRIM(title) = '' OR body IS NULL OR TRIM(body) = ''");
            assertThat(invalid).as(name).isNotEmpty();
            assertThat(idsOfTable(ruleRecords, name)).as(name + " (rules)").isEqualTo(invalid);
            assertThat(idsOfTable(entityRecords, name)).as(name + " (entities)").isEqualTo(invalid);
        }
        assertThat(ruleRecords.stream().map(r -> r.get("table").asText() + "|" + r.get("key") + "|" + r.get("column") + "|"
                + r.get("constraint")).collect(Collectors.toSet())).as("no duplicates").hasSize(ruleRecords.size());
        assertThat(fromRules.rowsChecked()).isEqualTo(fromEntities.rowsChecked())
                .isEqualTo(db.queryLong("SELECT (SELECT count(*) FROM article) + (SELECT count(*) FROM post) + 220 + 220 + 400 + 400 + 400"));
        assertThat(fromRules.invalidRows()).isEqualTo(fromEntities.invalidRows());
        assertProblemGroupsAgreeWithTheFile(fromRules);
        assertProblemGroupsAgreeWithTheFile(fromEntities);
    }

    static Set<String> idsOfTable(List<JsonNode> records, String table) {
        return ids(records.stream().filter(r -> r.get("table").asText().equalsIgnoreCase(table)).collect(Collectors.toList()));
    }
}
