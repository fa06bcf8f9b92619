package io.rowsweep.validation;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.validation.model.Post;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The builder: settings by name as the CLI gives them, checked at once; sources exclusive. */
class ValidationApiTest {

    @TempDir
    Path dir;

    private static RowSweepException error(Runnable r) {
        RowSweepException e = catchThrowableOfType(RowSweepException.class, r::run);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void everySettingCanBeGivenByNameAsText() throws IOException {
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "tables:\n  posts:\n    columns:\n      title: [NotBlank]\n");
        SettingValues values = SettingValues.defaults()
                .with(ValidationSettings.RULES, rules.toString())
                .with(ValidationSettings.FORMAT, ViolationFormat.CSV)
                .with(SweepSettings.WORKERS, 3);
        Validation v = Validation.of(new JdbcDataSource()).with(values)
                .withText(SweepSettings.CHUNK_TIME, "2s")
                .withText(ValidationSettings.OUT, "out.csv");
        assertThat(v.settings().get(SweepSettings.CHUNK_TIME)).isEqualTo(Duration.ofSeconds(2));
        assertThat(v.settings().get(SweepSettings.WORKERS)).isEqualTo(3);
        assertThat(v.settings().get(ValidationSettings.FORMAT)).isEqualTo(ViolationFormat.CSV);
        assertThat(v.settings().get(ValidationSettings.OUT)).isEqualTo("out.csv");
        assertThat(ValidationSettings.ALL).extracting(s -> s.cliFlag())
                .containsExactly("--rules", "--classpath", "--entities", "--groups", "--naming", "--messages", "--tables", "--exclude",
                        "--out", "--format");
    }

    @Test
    void aValidationIsImmutableEachSetterReturnsAChangedCopy() throws IOException {
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "tables:\n  posts:\n    columns:\n      title: [NotBlank]\n");
        Validation base = Validation.of(new JdbcDataSource()).rules(rules);
        Validation four = base.workers(4);
        base.workers(7); // ignored result: changes nothing, as on Update
        assertThat(four).isNotSameAs(base);
        assertThat(four.settings().get(SweepSettings.WORKERS)).isEqualTo(4);
        assertThat(base.settings().get(SweepSettings.WORKERS)).isEqualTo(SweepSettings.WORKERS.defaultValue());
        assertThat(base.settings().get(ValidationSettings.RULES)).isEqualTo(rules.toString());
        assertThat(four.settings().get(ValidationSettings.RULES)).isEqualTo(rules.toString());
    }

    @Test
    void badValuesAreRejectedWhenGiven() {
        RowSweepException workers = error(() -> Validation.of(new JdbcDataSource()).workers(-1));
        assertThat(workers.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(workers.getMessage()).contains("workers");
        assertThat(error(() -> Validation.of(new JdbcDataSource()).withText(ValidationSettings.FORMAT, "xml")).getMessage())
                .contains("--format").contains("jsonl, csv");
        assertThat(error(() -> Validation.of(new JdbcDataSource()).with(SweepSettings.ALL.get(0), null).with(
                io.rowsweep.core.Setting.string("where", null, "not ours"), "x")).getMessage()).contains("'where'");
    }

    @Test
    void anUnwritableViolationsFileIsAConfigurationErrorBeforeConnecting() throws IOException {
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "tables:\n  posts:\n    columns:\n      title: [NotBlank]\n");
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        RowSweepException e = error(() -> Validation.of(new JdbcDataSource()).rules(rules)
                .violationsTo(blocker.resolve("v.jsonl")).run());
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("a-file").contains("--out");
    }

    @Test
    void exactlyOneSourceOfRules() throws IOException {
        assertThat(error(() -> Validation.of(new JdbcDataSource()).run()).getMessage()).contains("--rules").contains("--entities");
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "tables:\n  posts:\n    columns:\n      title: [NotBlank]\n");
        RowSweepException both = error(() -> Validation.of(new JdbcDataSource()).rules(rules).entities(Post.class).run());
        assertThat(both.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(both.getMessage()).contains("one of them");

        // As the CLI gives them: the conflict is the error, not whichever source fails to load first.
        SettingValues flags = SettingValues.defaults().with(ValidationSettings.RULES, dir.resolve("missing.yaml").toString())
                .with(ValidationSettings.ENTITIES, "com.example.nosuch");
        RowSweepException conflict = error(() -> Validation.of(new JdbcDataSource()).with(flags));
        assertThat(conflict.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(conflict.getMessage()).contains("--entities and --rules");
    }

    @Test
    void aViolationsFolderThatCannotBeCreatedIsAConfigurationErrorBeforeConnecting() throws IOException {
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "tables:\n  posts:\n    columns:\n      title: [NotBlank]\n");
        // /proc takes no new folders, whatever the permissions say (the test may run as root, who may write anywhere else)
        Path proc = Path.of("/proc");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux's /proc");
        RowSweepException e = error(() -> Validation.of(new JdbcDataSource()).rules(rules)
                .violationsTo(proc.resolve("rowsweep-test/v.jsonl")).run());
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("/proc/rowsweep-test").contains("--out");
        assertThat(proc.resolve("rowsweep-test")).doesNotExist();
    }

    @Test
    void theViolationsFileIsLeftAsItWasWhenTheRunCannotStart() throws IOException {
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "tables:\n  posts:\n    columns:\n      title: [NotBlank]\n");
        Path existing = dir.resolve("old.jsonl");
        Files.writeString(existing, "{\"earlier\":\"run\"}\n");
        Path fresh = dir.resolve("new/deeper/v.jsonl");
        JdbcDataSource nowhere = new JdbcDataSource();
        nowhere.setURL("jdbc:h2:mem:" + dir.getFileName() + ";IFEXISTS=TRUE");
        error(() -> Validation.of(nowhere).rules(rules).violationsTo(existing).run());
        error(() -> Validation.of(nowhere).rules(rules).violationsTo(fresh).run());
        assertThat(existing).hasContent("{\"earlier\":\"run\"}");
        assertThat(dir.resolve("new")).as("folders made only to check the path are removed").doesNotExist();
    }
}
