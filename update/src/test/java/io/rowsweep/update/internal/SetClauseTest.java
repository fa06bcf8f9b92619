package io.rowsweep.update.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SetClauseTest {

    @Test
    void findsEveryAssignedColumn() {
        assertThat(SetClause.assignedColumns("service_fee_amount = amount * 0.1")).containsExactly("service_fee_amount");
        assertThat(SetClause.assignedColumns("a = 1, b = coalesce(x, y, 3), c=CASE WHEN d >= 2 THEN 'x, y = z' ELSE e END"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void unquotesAndDropsQualifiers() {
        assertThat(SetClause.assignedColumns("\"Fee \"\"x\"\"\" = 1, t.`id` = 2, s.t.\"a.b\" = 3")).containsExactly("Fee \"x\"", "id", "a.b");
    }

    @Test
    void readsRowAssignments() {
        assertThat(SetClause.assignedColumns("(a, \"B\") = (1, 2), c = (SELECT max(v) FROM w WHERE w.k = c)")).containsExactly("a", "B", "c");
    }

    @Test
    void comparisonsOnTheRightAreNotAssignments() {
        assertThat(SetClause.assignedColumns("flag = (x <= 1 OR y != 2 OR z >= 3)")).containsExactly("flag");
        assertThat(SetClause.assignedColumns("note = 'id = 5', other = \"id\"")).containsExactly("note", "other");
    }
}
