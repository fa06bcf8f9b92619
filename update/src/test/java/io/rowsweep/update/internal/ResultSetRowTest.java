package io.rowsweep.update.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class ResultSetRowTest {

    @Test
    void numbersCompareByValueWhateverTheirType() {
        assertThat(ResultSetRow.sameValue(new BigDecimal("4.20"), 4.2)).isTrue();
        assertThat(ResultSetRow.sameValue(new BigDecimal("4.20"), new BigDecimal("4.2"))).isTrue();
        assertThat(ResultSetRow.sameValue(7L, 7)).isTrue();
        assertThat(ResultSetRow.sameValue(7L, 8)).isFalse();
        assertThat(ResultSetRow.sameValue(Double.NaN, 1.0)).isFalse();
    }

    @Test
    void nullsAndOtherTypes() {
        assertThat(ResultSetRow.sameValue(null, null)).isTrue();
        assertThat(ResultSetRow.sameValue(null, 0)).isFalse();
        assertThat(ResultSetRow.sameValue("a", null)).isFalse();
        assertThat(ResultSetRow.sameValue(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        LocalDateTime t = LocalDateTime.of(2024, 5, 1, 12, 0);
        assertThat(ResultSetRow.sameValue(Timestamp.valueOf(t), t)).isTrue();
        assertThat(ResultSetRow.sameValue("1", 1)).isFalse();
    }
}
