package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresValidationTest extends ValidationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRES;
    }

    /**
     * Values are read as the database means them: an array by its elements (its text '{}' is not
     * empty), a timestamptz as an instant with its offset (pgjdbc calls it a TIMESTAMP).
     */
    @Test
    void arraysAreCheckedByTheirElementsAndTimestamptzAsAnInstant() throws IOException {
        db.execute("CREATE TABLE pg_values (id BIGINT PRIMARY KEY, tags INT[], labels TEXT[], at TIMESTAMPTZ)",
                "INSERT INTO pg_values VALUES (1, '{1}', '{a}', now() - interval '1 day')",
                "INSERT INTO pg_values VALUES (2, '{}', '{a,b}', now() - interval '1 hour')",
                "INSERT INTO pg_values VALUES (3, '{3}', '{}', now() + interval '1 day')",
                "INSERT INTO pg_values VALUES (4, '{1,2}', NULL, '-infinity')",
                "INSERT INTO pg_values VALUES (5, NULL, '{x}', 'infinity')");
        ValidationSummary s = validation(2).rules(rules("tables:\n  pg_values:\n    columns:\n"
                + "      tags: [NotEmpty, {Size: {max: 1}}]\n      labels: [{Size: {min: 1}}]\n      at: [PastOrPresent]\n")).run();
        assertThat(Violations.idColumnConstraint(Violations.read(s.violations()))).containsExactlyInAnyOrder(
                "2|tags|NotEmpty", "3|labels|Size", "3|at|PastOrPresent", "4|tags|Size", "5|tags|NotEmpty",
                "5|at|PastOrPresent");
        assertThat(s.rowsChecked()).isEqualTo(5);
    }

    /** The same in entity mode: an array field gets the array's elements, an OffsetDateTime the timestamptz's instant. */
    @Test
    void entityArraysAndTimestamptzAreReadAsTheDatabaseMeansThem() {
        db.execute("CREATE TABLE pg_tagged (id BIGINT PRIMARY KEY, tags TEXT[], seen_at TIMESTAMPTZ)",
                "INSERT INTO pg_tagged VALUES (1, '{a}', now() - interval '1 day')",
                "INSERT INTO pg_tagged VALUES (2, '{}', now() - interval '1 hour')",
                "INSERT INTO pg_tagged VALUES (3, '{a,b,c}', now() + interval '1 day')",
                "INSERT INTO pg_tagged VALUES (4, '{x,NULL}', '-infinity')");
        ValidationSummary s = validation(2).entities(io.rowsweep.validation.model.Tagged.class).run();
        assertThat(Violations.idColumnConstraint(Violations.read(s.violations()))).containsExactlyInAnyOrder(
                "2|tags|NotEmpty", "3|tags|Size", "3|seen_at|PastOrPresent");
        assertThat(s.rowsChecked()).isEqualTo(4);
    }
}
