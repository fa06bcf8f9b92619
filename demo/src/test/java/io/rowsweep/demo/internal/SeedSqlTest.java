package io.rowsweep.demo.internal;

import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.SeedTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated SQL, checked as strings (the contract tests run it on each database). */
class SeedSqlTest {

    private final SeedSql postgres = new SeedSql(SqlFlavor.POSTGRES);

    @Test
    void insertPlantsEachDefectByRowNumber() {
        assertThat(postgres.insert(SeedTable.NEWS, 400)).isEqualTo("INSERT INTO news (id, title, body) SELECT g.i, "
                + "CASE WHEN MOD(g.i, 1000) = 7 THEN NULL WHEN MOD(g.i, 1000) = 13 THEN '' WHEN MOD(g.i, 1000) = 19 THEN '   '"
                + " WHEN MOD(g.i, 1000) = 23 THEN CONCAT('News ', g.i, ' ', REPEAT('with a title far too long ', 12))"
                + " WHEN MOD(g.i, 5000) = 37 THEN NULL ELSE CONCAT('News ', g.i) END, "
                + "CASE WHEN MOD(g.i, 1000) = 29 THEN NULL WHEN MOD(g.i, 1000) = 31 THEN '' WHEN MOD(g.i, 5000) = 37 THEN NULL"
                + " ELSE CONCAT('Body of News ', g.i, '. ', REPEAT('Lorem ipsum dolor sit amet. ', 1 + MOD(g.i, 8))) END"
                + " FROM generate_series(1, 400) AS g(i)");
    }

    @Test
    void sparseIdsSkipOddIdsAndAFixedRange() {
        assertThat(postgres.insert(SeedTable.ARTICLES, 4967))
                .startsWith("INSERT INTO articles (id, title, body) SELECT 2 * g.i + CASE WHEN g.i > 496 THEN 10000000 ELSE 0 END, ");
    }

    @Test
    void seriesPerDatabase() {
        assertThat(SqlFlavor.POSTGRES.series(5)).isEqualTo("generate_series(1, 5) AS g(i)");
        assertThat(SqlFlavor.MARIADB.series(5)).isEqualTo("(SELECT seq AS i FROM seq_1_to_5) g");
        assertThat(SqlFlavor.H2.series(5)).isEqualTo("(SELECT X AS i FROM SYSTEM_RANGE(1, 5)) g");
    }

    @Test
    void countSumsEachRuleInOneScan() {
        assertThat(postgres.count(SeedTable.POSTS)).isEqualTo("SELECT COUNT(*), "
                + "COALESCE(SUM(CASE WHEN (title IS NULL OR TRIM(title) = '') OR (CHAR_LENGTH(title) > 255) OR (body IS NULL OR TRIM(body) = '')"
                + " THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN title IS NULL OR TRIM(title) = '' THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN CHAR_LENGTH(title) > 255 THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN body IS NULL OR TRIM(body) = '' THEN 1 ELSE 0 END), 0) FROM posts");
    }

    @Test
    void bodyIsABoundedVarcharOnH2() {
        assertThat(new SeedSql(SqlFlavor.H2).createTable(SeedTable.POSTS))
                .isEqualTo("CREATE TABLE posts (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(400), body VARCHAR(10000))");
        assertThat(postgres.createTable(SeedTable.POSTS)).endsWith("body TEXT)");
    }

    @Test
    void defectsCountedPerRowNumber() {
        assertThat(Defect.NULL_TITLE.rowsAmong(6)).isZero();
        assertThat(Defect.NULL_TITLE.rowsAmong(7)).isEqualTo(1);
        assertThat(Defect.NULL_TITLE.rowsAmong(1006)).isEqualTo(1);
        assertThat(Defect.NULL_TITLE.rowsAmong(1007)).isEqualTo(2);
        assertThat(Defect.NULL_TITLE_AND_BODY.rowsAmong(572_000)).isEqualTo(115);
        // At full scale, 0.6% of the rows plus one in 5000 are invalid.
        assertThat(SeedSchema.full().intended(SeedTable.POSTS).invalidRows()).isEqualTo(6 * 572 + 115);
    }
}
