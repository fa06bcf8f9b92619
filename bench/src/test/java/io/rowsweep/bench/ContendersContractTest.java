package io.rowsweep.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.demo.SeedSchema;
import io.rowsweep.demo.TableCounts;
import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.TestDatabases;
import io.rowsweep.testkit.TestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every contender, sequential and parallel, reads every row of the seed schema once and finds
 * exactly the invalid rows SQL finds in the data.
 */
abstract class ContendersContractTest {

    TestSchema db;
    HikariDataSource pool;

    abstract DatabaseKind kind();

    @BeforeEach
    void load() {
        db = TestDatabases.newSchema(kind());
        pool = db.dataSource(4);
        SeedSchema.atScale(0.01).load(pool);
    }

    @AfterEach
    void drop() {
        if (pool != null) {
            pool.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static Stream<Arguments> contenders() {
        return Stream.of(new RawJdbcScanContender(), new SpringBatchContender(), new RowsweepContender())
                .flatMap(c -> Stream.of(Arguments.of(c, 1), Arguments.of(c, 2)));
    }

    @ParameterizedTest(name = "{0} with {1} workers")
    @MethodSource("contenders")
    void findsExactlyTheInvalidRowsSqlFinds(Contender contender, int workers) throws Exception {
        List<TableCounts> expected = SeedSchema.count(pool);
        ContenderResult result = contender.run(pool, workers);
        assertThat(result.rows()).isEqualTo(expected.stream().mapToLong(TableCounts::rows).sum()).isEqualTo(12_327);
        assertThat(result.invalidRows()).isEqualTo(expected.stream().mapToLong(TableCounts::invalidRows).sum()).isPositive();
    }
}
