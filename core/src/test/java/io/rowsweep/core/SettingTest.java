package io.rowsweep.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTest {

    @Test
    void oneNameForApiCliEnvAndFile() {
        assertThat(SweepSettings.CHUNK_TIME.name()).isEqualTo("chunk-time");
        assertThat(SweepSettings.CHUNK_TIME.cliFlag()).isEqualTo("--chunk-time");
        assertThat(SweepSettings.CHUNK_TIME.envVar()).isEqualTo("ROWSWEEP_CHUNK_TIME");
        assertThat(SweepSettings.MAX_ROWS_PER_SECOND.envVar()).isEqualTo("ROWSWEEP_MAX_ROWS_PER_SECOND");
    }

    @Test
    void parsesDurationsAsPeopleWriteThem() {
        assertThat(Setting.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Setting.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Setting.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Setting.parseDuration("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(Setting.parseDuration("PT4S")).isEqualTo(Duration.ofSeconds(4));
        assertThat(Setting.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SweepSettings.LOCK_TIMEOUT.parse("500", "--lock-timeout")))
                .hasMessage("--lock-timeout: '500' is not a valid duration (e.g. 500ms, 2s, 1m) (a number needs its unit: 500ms or 500s)");
        assertThat(Setting.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Setting.format(Duration.ofMinutes(5))).isEqualTo("5m");
    }

    @Test
    void badValuesNameTheirSource() {
        assertThatThrownBy(() -> SweepSettings.WORKERS.parse("-3", "--workers"))
                .isInstanceOf(RowSweepException.class)
                .hasMessage("--workers must be between 0 and 1024, got -3")
                .extracting(e -> ((RowSweepException) e).code()).isEqualTo(ErrorCode.USAGE);
        assertThatThrownBy(() -> SweepSettings.CHUNK_TIME.parse("fast", "ROWSWEEP_CHUNK_TIME"))
                .hasMessageStartingWith("ROWSWEEP_CHUNK_TIME: 'fast' is not a valid duration");
        assertThatThrownBy(() -> SweepSettings.ON_ERROR.parse("ignore", "--on-error"))
                .hasMessageStartingWith("--on-error: 'ignore' is not a valid value (one of stop, skip-chunk)");
        assertThat(SweepSettings.ON_ERROR.parse("skip-chunk", "--on-error")).isEqualTo(OnError.SKIP_CHUNK);
        assertThatThrownBy(() -> SweepSettings.ON_ERROR.parse("retry", "--on-error"))
                .hasMessage("--on-error: 'retry' is not a valid value (one of stop, skip-chunk)");
        assertThatThrownBy(() -> SweepSettings.WORKERS.parse("many", "--workers")).hasMessage("--workers: 'many' is not a valid whole number");
        assertThatThrownBy(() -> SweepSettings.JOB.parse(" ", "--job")).hasMessage("--job must not be blank");
    }

    @Test
    void valuesFallBackToDefaults() {
        SettingValues v = SettingValues.defaults().with(SweepSettings.WORKERS, 3);
        assertThat(v.get(SweepSettings.WORKERS)).isEqualTo(3);
        assertThat(v.get(SweepSettings.CHUNK_TIME)).isEqualTo(Duration.ofSeconds(1));
        assertThat(v.isSet(SweepSettings.CHUNK_TIME)).isFalse();
        assertThatThrownBy(() -> v.with(SweepSettings.MAX_CHUNK_ROWS, 0)).isInstanceOf(RowSweepException.class);
    }
}
