package io.rowsweep.cli;

import io.rowsweep.cli.internal.options.SettingOptions;
import io.rowsweep.core.OnError;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings reach a command from the flag, else the environment, else the properties file, else the default. */
class SettingOptionsTest {

    /** A job-specific setting, as the validate and update modules declare theirs. */
    static final Setting<Integer> SAMPLE = Setting.integer("sample-rows", 10, 1, 1000, "Rows to sample. Default: 10.");

    @TempDir
    Path dir;

    static final AtomicReference<SettingValues> SEEN = new AtomicReference<>();

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        SettingOptions settings = new SettingOptions(SweepSettings.ALL, List.of(SAMPLE));

        @Override
        public Integer call() {
            SEEN.set(settings.values());
            return 0;
        }
    }

    SettingValues run(Map<String, String> env, String... args) {
        CommandLine cmd = RowSweepCli.commandLine(new RowSweepCli(env));
        cmd.addSubcommand(new Probe());
        SEEN.set(null);
        assertThat(cmd.execute(args)).isZero();
        return SEEN.get();
    }

    @Test
    void flagThenEnvironmentThenFileThenDefault() throws IOException {
        Path file = dir.resolve("rowsweep.properties");
        Files.writeString(file, "workers=3\nchunk-time=2s\non-error=skip-chunk\nsample-rows=7\nrestart=true\n");
        SettingValues v = run(Map.of("ROWSWEEP_WORKERS", "5", "ROWSWEEP_CHUNK_TIME", "750ms"),
                "probe", "--config", file.toString(), "--workers", "9");
        assertThat(v.get(SweepSettings.WORKERS)).isEqualTo(9);
        assertThat(v.get(SweepSettings.CHUNK_TIME)).isEqualTo(Duration.ofMillis(750));
        assertThat(v.get(SweepSettings.ON_ERROR)).isEqualTo(OnError.SKIP_CHUNK);
        assertThat(v.get(SAMPLE)).isEqualTo(7);
        assertThat(v.get(SweepSettings.RESTART)).isTrue();
        assertThat(v.isSet(SweepSettings.LOCK_TIMEOUT)).isFalse();
        assertThat(v.get(SweepSettings.LOCK_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theDefaultFileIsOptionalAndFlagsAloneWork() {
        SettingValues v = run(Map.of(), "probe", "--max-rows-per-second", "5000", "--restart", "--sample-rows", "3");
        assertThat(v.get(SweepSettings.MAX_ROWS_PER_SECOND)).isEqualTo(5000L);
        assertThat(v.get(SweepSettings.RESTART)).isTrue();
        assertThat(v.get(SAMPLE)).isEqualTo(3);
        assertThat(v.explicit()).hasSize(3);
    }

    @Test
    void optionsCanBeAddedWithoutAnnotations() {
        CommandLine cmd = RowSweepCli.commandLine(new RowSweepCli(Map.of("ROWSWEEP_SAMPLE_ROWS", "12")));
        CommandSpec spec = CommandSpec.create().name("programmatic");
        SettingOptions generated = SettingOptions.addTo(spec, List.of(SweepSettings.WORKERS, SAMPLE));
        cmd.addSubcommand(new CommandLine(spec));
        cmd.parseArgs("programmatic", "--workers", "2");
        SettingValues v = generated.values();
        assertThat(v.get(SweepSettings.WORKERS)).isEqualTo(2);
        assertThat(v.get(SAMPLE)).isEqualTo(12);
    }
}
