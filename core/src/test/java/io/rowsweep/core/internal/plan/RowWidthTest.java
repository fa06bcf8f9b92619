package io.rowsweep.core.internal.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowWidthTest {

    static final long MB = 1 << 20;

    @Test
    void untilARowIsMeasuredAFetchAndAHoldingChunkTakeOneRow() {
        RowWidth width = new RowWidth(32 * MB);
        assertThat(width.fetchRows(1_000)).isEqualTo(1);
        assertThat(width.chunkRows()).isEqualTo(1);
    }

    @Test
    void narrowRowsFetchTheFetchSizeAndWideRowsAsManyAsHalfTheBudgetHolds() {
        RowWidth width = new RowWidth(32 * MB);
        width.record(200);
        assertThat(width.fetchRows(1_000)).isEqualTo(1_000);
        assertThat(width.chunkRows()).isEqualTo((int) (16 * MB / 600));
        width.record(MB);
        // three copies of a 1 MB row (the driver's, the job's values) in half of 32 MB: 5 rows
        assertThat(width.fetchRows(1_000)).isEqualTo(5);
        assertThat(width.chunkRows()).isEqualTo(5);
        width.record(50 * MB);
        assertThat(width.fetchRows(1_000)).as("never below one row").isEqualTo(1);
        assertThat(width.chunkRows()).isEqualTo(1);
    }

    @Test
    void aWideRowFadesAfterManyNarrowOnes() {
        RowWidth width = new RowWidth(32 * MB);
        width.record(5 * MB);
        width.record(200);
        assertThat(width.fetchRows(1_000)).as("right after a wide row").isEqualTo(1);
        for (int i = 0; i < 4_000; i++) {
            width.record(200);
        }
        assertThat(width.fetchRows(1_000)).isEqualTo(1_000);
    }
}
