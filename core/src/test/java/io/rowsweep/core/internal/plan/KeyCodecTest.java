package io.rowsweep.core.internal.plan;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KeyCodecTest {

    @Test
    void roundTripsEveryKeyTypeWithItsJavaType() {
        UUID uuid = UUID.randomUUID();
        Object[] key = {42, 7_000_000_000L, "a\"b", uuid, new BigDecimal("12.50"), new BigInteger("18446744073709551615"),
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), new byte[] {1, 2, 3}, true};
        Object[] back = KeyCodec.decode(KeyCodec.encode(key));
        assertThat(back).hasSize(key.length);
        assertThat(back[0]).isEqualTo(42);
        assertThat(back[1]).isEqualTo(7_000_000_000L);
        assertThat(back[2]).isEqualTo("a\"b");
        assertThat(back[3]).isEqualTo(uuid);
        assertThat(back[4]).isEqualTo(new BigDecimal("12.50"));
        assertThat(back[5]).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(back[6]).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(back[7]).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000));
        assertThat((byte[]) back[8]).containsExactly(1, 2, 3);
        assertThat(back[9]).isEqualTo(true);
    }

    @Test
    void nullKeyMeansAnOpenEnd() {
        assertThat(KeyCodec.encode(null)).isNull();
        assertThat(KeyCodec.decode(null)).isNull();
    }

    @Test
    void normalizesJdbcTemporalTypes() {
        assertThat(KeyCodec.normalize(java.sql.Timestamp.valueOf("2024-01-02 03:04:05"))).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(KeyCodec.normalize(java.sql.Date.valueOf("2024-01-02"))).isEqualTo(LocalDate.of(2024, 1, 2));
    }

    @Test
    void writesTheFormatEarlierRunsStored() {
        assertThat(KeyCodec.encode(new Object[] {42, 7L, "a\"b", null, 1.5, false, new BigDecimal("1.50")}))
                .isEqualTo("[[\"i\",42],[\"l\",7],[\"s\",\"a\\\"b\"],[\"null\"],[\"f\",1.5],[\"bool\",false],[\"dec\",\"1.50\"]]");
        assertThat(KeyCodec.decode("[[\"null\"],[\"l\",9]]")).containsExactly(null, 9L);
    }

    @Test
    void corruptTextIsAnErrorNamingIt() {
        for (String bad : new String[] {"", "{}", "[[\"l\"", "[[\"zz\",1]]", "[[\"date\",\"not a date\"]]", "[1]"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyCodec.decode(bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("key");
        }
    }
}
