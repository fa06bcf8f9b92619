package io.rowsweep.update.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spellings of one update are one job; updates that differ in meaning never are. */
class CanonicalSqlTest {

    @Test
    void whitespaceNextToSymbolsRunsOfWhitespaceAndCommentsDoNotCount() {
        String canonical = CanonicalSql.of("v = v + 1");
        assertThat(canonical).isEqualTo("v=v+1");
        assertThat(CanonicalSql.of("v=v+1")).isEqualTo(canonical);
        assertThat(CanonicalSql.of("  v\t=\n v +  1 ")).isEqualTo(canonical);
        assertThat(CanonicalSql.of("v = v + 1 -- one more\n")).isEqualTo(canonical);
        assertThat(CanonicalSql.of("v = /* one more */ v + 1")).isEqualTo(canonical);
        assertThat(CanonicalSql.of("fee = ROUND( amount * 0.1 , 2 ), total = amount")).isEqualTo("fee=ROUND(amount*0.1,2),total=amount");
        assertThat(CanonicalSql.of("note IS  NULL AND t . x  <>  1")).isEqualTo("note IS NULL AND t.x<>1");
    }

    @Test
    void quotedTextCaseAndSpacesBetweenWordsOrSymbolsStay() {
        assertThat(CanonicalSql.of("title = 'a  b'")).isEqualTo("title='a  b'");
        assertThat(CanonicalSql.of("\"My  Col\" = `x  y`")).isEqualTo("\"My  Col\"=`x  y`");
        assertThat(CanonicalSql.of("title = 'it''s  -- not a comment'")).isEqualTo("title='it''s  -- not a comment'");
        assertThat(CanonicalSql.of("V = v")).isNotEqualTo(CanonicalSql.of("v = v"));
        assertThat(CanonicalSql.of("a = 'x' 'y'")).isNotEqualTo(CanonicalSql.of("a = 'x''y'"));
        assertThat(CanonicalSql.of("a = b * -1")).isEqualTo("a=b* -1");
        assertThat(CanonicalSql.of("a = e 'x'")).isNotEqualTo(CanonicalSql.of("a = e'x'"));
        assertThat(CanonicalSql.of("a = x1")).isNotEqualTo(CanonicalSql.of("a = x 1"));
    }

    @Test
    void spellingsWhoseMeaningDependsOnTheDatabaseAreOnlyTrimmed() {
        assertThat(CanonicalSql.of(" a = 1--1 ")).isEqualTo("a = 1--1"); // MySQL: 1 - -1
        assertThat(CanonicalSql.of(" a = 'x\\' ' ")).isEqualTo("a = 'x\\' '");
        assertThat(CanonicalSql.of("a = $$x  y$$")).isEqualTo("a = $$x  y$$");
        assertThat(CanonicalSql.of("a = 1 /*!50000 , b = 2 */")).isEqualTo("a = 1 /*!50000 , b = 2 */");
        assertThat(CanonicalSql.of("a = 'open")).isEqualTo("a = 'open");
        assertThat(CanonicalSql.of("a = 1 /* open")).isEqualTo("a = 1 /* open");
        assertThat(CanonicalSql.of(null)).isNull();
    }
}
