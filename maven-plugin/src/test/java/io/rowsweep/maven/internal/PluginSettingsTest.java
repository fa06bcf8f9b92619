package io.rowsweep.maven.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.validation.ValidationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginSettingsTest {

    private static final List<Setting<?>> VALIDATE = List.of(SweepSettings.WORKERS, SweepSettings.CHUNK_TIME, ValidationSettings.ENTITIES);
    private static final List<Setting<?>> STATUS = List.of(SweepSettings.JOB);

    @TempDir
    Path dir;

    @Test
    void commandLineThenConfigurationThenEnvironmentThenFile() throws IOException {
        Path file = file("url=jdbc:h2:mem:file\nuser=from-file\nworkers=1\nchunk-time=4s\n");
        PluginSettings s = PluginSettings.resolve(VALIDATE, Map.of("rowsweep.url", "jdbc:h2:mem:cli"), Set.of(),
                Map.of("url", "jdbc:h2:mem:pom", "workers", "3", "user", "from-pom"),
                Map.of("ROWSWEEP_WORKERS", "2", "ROWSWEEP_CHUNK_TIME", "3s"), file, false);

        assertThat(s.text("url")).isEqualTo("jdbc:h2:mem:cli");
        assertThat(s.source("url")).isEqualTo("-Drowsweep.url");
        assertThat(s.text("user")).isEqualTo("from-pom");
        SettingValues values = s.settingValues();
        assertThat(values.get(SweepSettings.WORKERS)).isEqualTo(3);
        assertThat(values.get(SweepSettings.CHUNK_TIME)).isEqualTo(Duration.ofSeconds(3));
        assertThat(values.isSet(ValidationSettings.ENTITIES)).isFalse();
    }

    @Test
    void aBadValueIsNamedWhereItCameFrom() throws IOException {
        PluginSettings s = PluginSettings.resolve(VALIDATE, Map.of(), Set.of(), Map.of(), Map.of(), file("chunk-time=500\n"), false);

        assertThatThrownBy(s::settingValues).isInstanceOf(RowSweepException.class)
                .hasMessageStartingWith("rowsweep.properties: chunk-time: '500' is not a valid duration");
    }

    @Test
    void unknownNamesAreErrorsWhereverTheyAreWritten() throws IOException {
        assertThatThrownBy(() -> PluginSettings.resolve(VALIDATE, Map.of("rowsweep.chunktime", "2s"), Set.of(), Map.of(), Map.of(),
                null, false)).hasMessageStartingWith("-Drowsweep.chunktime: 'chunktime' is not a rowsweep setting.");
        assertThatThrownBy(() -> PluginSettings.resolve(VALIDATE, Map.of(), Set.of(), Map.of("worker", "2"), Map.of(), null, false))
                .hasMessageStartingWith("<settings><worker>: 'worker' is not a rowsweep setting.");
        Path file = file("workres=2\n");
        assertThatThrownBy(() -> PluginSettings.resolve(VALIDATE, Map.of(), Set.of(), Map.of(), Map.of(), file, false))
                .hasMessageStartingWith(file + ": unknown setting 'workres'.");
    }

    @Test
    void anotherGoalsOrCommandsSettingsAreLeftToThem() throws IOException {
        // one <configuration> for every goal, one rowsweep.properties for the plugin and the CLI's update
        PluginSettings s = PluginSettings.resolve(STATUS, Map.of("rowsweep.skip", "true", "rowsweep.workers", "2"), Set.of("skip"),
                Map.of("entities", "com.acme"), Map.of(), file("table=invoices\njob=nightly\n"), false);

        assertThat(s.settingValues().explicit()).containsOnlyKeys(SweepSettings.JOB);
        assertThat(s.text("table")).isNull();
    }

    @Test
    void aNamedFileMustExistTheDefaultOneNeedNot() {
        Path missing = dir.resolve("rowsweep.properties");
        assertThat(PluginSettings.resolve(STATUS, Map.of(), Set.of(), Map.of(), Map.of(), missing, false).settingValues().explicit())
                .isEmpty();
        assertThatThrownBy(() -> PluginSettings.resolve(STATUS, Map.of(), Set.of(), Map.of(), Map.of(), missing, true))
                .hasMessageContaining(missing + ": no such file");
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("rowsweep.properties"), text);
    }
}
