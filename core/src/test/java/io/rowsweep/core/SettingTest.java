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
    void parsesSizesAsPeopleWriteThem() {
        assertThat(SweepSettings.WORKER_MEMORY.parse("64MB", "--worker-memory")).isEqualTo(64L << 20);
        assertThat(SweepSettings.WORKER_MEMORY.parse("512k", "--worker-memory")).isEqualTo(512L << 10);
        assertThat(SweepSettings.WORKER_MEMORY.parse("1 GB", "--worker-memory")).isEqualTo(1L << 30);
        assertThat(SweepSettings.WORKER_MEMORY.parse("100000", "--worker-memory")).isEqualTo(100_000L);
        assertThat(SweepSettings.WORKER_MEMORY.render(64L << 20)).isEqualTo("64MB");
        assertThatThrownBy(() -> SweepSettings.WORKER_MEMORY.parse("lots", "--worker-memory"))
                .hasMessage("--worker-memory: 'lots' is not a valid size (e.g. 512KB, 64MB, 1GB)");
        assertThatThrownBy(() -> SweepSettings.WORKER_MEMORY.parse("1KB", "--worker-memory"))
                .hasMessage("--worker-memory must be at least 64KB, got 1KB");
    }

    @Test
    void workerMemoryDefaultsToAShareOfTheHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        long share = SweepSettings.workerMemory(SettingValues.defaults(), 4);
        assertThat(share).isEqualTo(Math.max(256 << 10, Math.min(64L << 20, heap / 16)));
        assertThat(SweepSettings.workerMemory(SettingValues.defaults().with(SweepSettings.WORKER_MEMORY, 1L << 20), 4)).isEqualTo(1L << 20);
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
