package io.rowsweep.core.internal.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyCodecTest {

    @Test
    void keepsEachColumnsTextExactly() {
        String[] key = {"42", "a\"b\\c", "2026-03-29 02:30:00.123456", "-infinity", "NaN", "User@Example.com", "\\x00ff", " pad ", ""};
        assertThat(KeyCodec.encode(key)).startsWith("[\"42\",");
        assertThat(KeyCodec.decode(KeyCodec.encode(key))).containsExactly(key);
    }

    @Test
    void nullKeyMeansAnOpenEnd() {
        assertThat(KeyCodec.encode(null)).isNull();
        assertThat(KeyCodec.decode(null)).isNull();
    }

    @Test
    void refusesKeysOfEarlierVersionsAndCorruptText() {
        assertThatThrownBy(() -> KeyCodec.decode("[[\"l\",9]]")).hasMessageContaining("earlier rowsweep version").hasMessageContaining("--restart");
        assertThatThrownBy(() -> KeyCodec.decode("[\"1\"")).hasMessageContaining("corrupt key");
        assertThatThrownBy(() -> KeyCodec.decode("[1]")).hasMessageContaining("corrupt key");
    }
}
