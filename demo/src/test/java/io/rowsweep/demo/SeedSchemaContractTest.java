package io.rowsweep.demo;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.demo.model.Content;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed schema loads with exactly the seed's row counts times the scale, plants the invalid
 * rows the generator intends (checked by SQL over the data and by Hibernate Validator on the
 * entity classes), has sparse ids where promised, and reloads only when needed.
 */
abstract class SeedSchemaContractTest {

    static final double SCALE = 0.01;
    private static ValidatorFactory validators;

    TestSchema db;
    final SeedSchema seed = SeedSchema.atScale(SCALE);

    abstract DatabaseKind kind();

    @BeforeAll
    static void validators() {
        validators = Validation.buildDefaultValidatorFactory();
    }

    @AfterAll
    static void closeValidators() {
        validators.close();
    }

    @BeforeEach
    void createSchema() {
        db = TestDatabases.newSchema(kind());
    }

    @AfterEach
    void dropSchema() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void rowCountsAreTheSeedsTimesTheScale() {
        SeedSchema.LoadResult result = seed.load(db.dataSource());
        assertThat(result.reused()).isFalse();
        Map<String, Long> expected = Map.of("sub_pages", 220L, "static_pages", 220L, "essays", 400L, "news", 400L, "pages", 400L,
                "articles", 4967L, "posts", 5720L);
        expected.forEach((table, rows) -> assertThat(db.queryLong("SELECT count(*) FROM " + table)).as(table).isEqualTo(rows));
        assertThat(seed.totalRows()).isEqualTo(12_327).isEqualTo(result.rows());
        assertThat(SeedTable.seedTotal()).isEqualTo(1_232_687);
    }

    @Test
    void invalidRowsCountedBySqlAreTheOnesTheGeneratorPlanted() {
        seed.load(db.dataSource());
        List<TableCounts> counted = SeedSchema.count(db.dataSource());
        assertThat(counted).isEqualTo(seed.intended());
        // posts at 0.01 = 5720 rows: 6 rows for each of the six single defects (residues 7..31 mod 1000), 2 with both.
        TableCounts posts = counted.get(SeedTable.POSTS.ordinal());
        assertThat(posts.invalidRows()).isEqualTo(38);
        assertThat(posts.violations(SeedRule.TITLE_NOT_BLANK)).isEqualTo(20);
        assertThat(posts.violations(SeedRule.TITLE_SIZE)).isEqualTo(6);
        assertThat(posts.violations(SeedRule.BODY_NOT_BLANK)).isEqualTo(14);
        assertThat(counted).allSatisfy(t -> assertThat(t.violations().values()).allSatisfy(v -> assertThat(v).isPositive()));
    }

    @Test
    void hibernateValidatorOnTheEntitiesFindsWhatTheSqlFinds() throws Exception {
        seed.load(db.dataSource());
        Validator validator = validators.getValidator();
        List<TableCounts> bySql = SeedSchema.count(db.dataSource());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (SeedTable table : SeedTable.values()) {
                long rows = 0;
                long invalid = 0;
                Map<SeedRule, Long> byRule = new EnumMap<>(SeedRule.class);
                try (ResultSet rs = s.executeQuery("SELECT id, title, body FROM " + table.tableName())) {
                    while (rs.next()) {
                        Content entity = table.entityClass().getDeclaredConstructor().newInstance();
                        entity.setId(rs.getLong(1));
                        entity.setTitle(rs.getString(2));
                        entity.setBody(rs.getString(3));
                        Set<ConstraintViolation<Content>> violations = validator.validate(entity);
                        rows++;
                        invalid += violations.isEmpty() ? 0 : 1;
                        for (ConstraintViolation<Content> v : violations) {
                            byRule.merge(rule(v), 1L, Long::sum);
                        }
                    }
                }
                assertThat(new TableCounts(table.tableName(), rows, invalid, byRule)).isEqualTo(bySql.get(table.ordinal()));
            }
        }
    }

    private static SeedRule rule(ConstraintViolation<?> v) {
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        String column = v.getPropertyPath().toString();
        for (SeedRule r : SeedRule.values()) {
            if (r.column().equals(column) && r.constraint().equals(constraint)) {
                return r;
            }
        }
        throw new AssertionError("no rule for " + column + " " + constraint);
    }

    @Test
    void articlesHaveSparseIds() {
        seed.load(db.dataSource());
        long rows = db.queryLong("SELECT count(*) FROM articles");
        long span = db.queryLong("SELECT max(id) - min(id) + 1 FROM articles");
        assertThat(span).isGreaterThan(10_000_000L + rows);
        assertThat(db.queryLong("SELECT count(*) FROM articles WHERE MOD(id, 2) = 1")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM articles WHERE id < 10000000")).isEqualTo(rows / 10);
        assertThat(db.queryLong("SELECT max(id) - min(id) + 1 FROM posts")).isEqualTo(db.queryLong("SELECT count(*) FROM posts"));
    }

    @Test
    void loadKeepsAnUpToDateSchemaAndReloadsAChangedOne() {
        assertThat(seed.isUpToDate(db.dataSource())).isFalse();
        assertThat(seed.load(db.dataSource()).reused()).isFalse();
        assertThat(seed.isUpToDate(db.dataSource())).isTrue();
        assertThat(seed.load(db.dataSource()).reused()).isTrue();

        // Someone fixed some rows (the demo's update, say): the data no longer is what the generator planted.
        db.execute("UPDATE posts SET title = 'fixed' WHERE title IS NULL");
        assertThat(seed.isUpToDate(db.dataSource())).isFalse();
        assertThat(seed.load(db.dataSource()).reused()).isFalse();
        assertThat(SeedSchema.count(db.dataSource())).isEqualTo(seed.intended());

        SeedSchema other = SeedSchema.atScale(0.02);
        assertThat(other.isUpToDate(db.dataSource())).isFalse();
        other.load(db.dataSource());
        assertThat(db.queryLong("SELECT count(*) FROM posts")).isEqualTo(11_440);
        assertThat(SeedSchema.count(db.dataSource())).isEqualTo(other.intended());
    }

    @Test
    void neverDropsATableItDidNotCreate() {
        db.execute("CREATE TABLE posts (id BIGINT PRIMARY KEY, mine VARCHAR(10))");
        db.execute("INSERT INTO posts VALUES (1, 'keep me')");
        assertThatThrownBy(() -> seed.load(db.dataSource()))
                .isInstanceOf(RowSweepException.class)
                .hasMessageContaining("posts already exists and was not created by the rowsweep demo");
        assertThat(db.queryString("SELECT mine FROM posts")).isEqualTo("keep me");
    }

    @Test
    void dropRemovesEverythingItLoaded() {
        seed.load(db.dataSource());
        SeedSchema.drop(db.dataSource());
        assertThat(seed.isUpToDate(db.dataSource())).isFalse();
        assertThatThrownBy(() -> db.queryLong("SELECT count(*) FROM posts")).hasMessageContaining("posts");
    }
}
