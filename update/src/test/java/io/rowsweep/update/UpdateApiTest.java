package io.rowsweep.update;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.OnError;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.update.spi.RowFix;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The builder: arguments checked at once, combinations at run() before connecting, every setting reachable by name. */
class UpdateApiTest {

    /** Never connected to: each of these runs fails before the first connection. */
    private final Update base = Update.of(new JdbcDataSource());

    @Test
    void argumentsAreCheckedAtOnce() {
        assertThatThrownBy(() -> base.workers(-1)).isInstanceOf(RowSweepException.class).hasMessageContaining("workers must be between 0");
        assertThatThrownBy(() -> base.chunkTime(Duration.ofMillis(1))).hasMessageContaining("chunk-time must be at least 10ms");
        assertThatThrownBy(() -> base.set(" ")).hasMessageContaining("set must not be blank");
    }

    @Test
    void anUpdateIsImmutable() {
        Update a = base.table("invoices");
        Update b = a.set("fee = 1").workers(3);
        assertThat(a.settings().isSet(UpdateSettings.SET)).isFalse();
        assertThat(b.settings().get(SweepSettings.WORKERS)).isEqualTo(3);
        assertThat(b.settings().get(UpdateSettings.TABLE)).isEqualTo("invoices");
    }

    @Test
    void runChecksThatTheSettingsFitTogether() {
        assertThat(usage(base.set("fee = 1"))).contains("No table to update").contains("--table");
        assertThat(usage(base.table("t"))).contains("Nothing to change").contains("--set").contains("--fix");
        assertThat(usage(base.table("t").set("a = 1").fix(row -> { }))).contains("Both --set and --fix");
        assertThat(usage(base.table("t").with(UpdateSettings.CLASSPATH, "x.jar").set("a = 1"))).contains("--classpath is only used");
        assertThat(usage(base.table("t").set("a = 1").workers(0))).contains("workers is 0").contains("--distributed");
    }

    @Test
    void aMissingFixClassIsAConfigurationErrorBeforeAnythingConnects() {
        RowSweepException e = catchThrowableOfType(RowSweepException.class,
                () -> base.table("t").fix(null, "com.acme.NoSuchFix").run());
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).contains("Fix class 'com.acme.NoSuchFix' was not found on rowsweep's class path");
    }

    @Test
    void everySettingIsReachableByItsDeclarationAsTheCliSetsThem() {
        SettingValues parsed = SettingValues.defaults()
                .with(UpdateSettings.TABLE, UpdateSettings.TABLE.parse("invoices", "--table"))
                .with(UpdateSettings.DRY_RUN, UpdateSettings.DRY_RUN.parse("true", "--dry-run"))
                .with(SweepSettings.ON_ERROR, SweepSettings.ON_ERROR.parse("skip-chunk", "--on-error"))
                .with(SweepSettings.LOCK_TIMEOUT, SweepSettings.LOCK_TIMEOUT.parse("500ms", "--lock-timeout"));
        Update u = base.with(parsed);
        assertThat(u.settings().get(UpdateSettings.DRY_RUN)).isTrue();
        assertThat(u.settings().get(SweepSettings.ON_ERROR)).isEqualTo(OnError.SKIP_CHUNK);
        assertThat(u.settings().get(SweepSettings.LOCK_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(UpdateSettings.ALL_WITH_ENGINE).containsAll(UpdateSettings.ALL).containsAll(SweepSettings.ALL);
        assertThat(UpdateSettings.ALL_WITH_ENGINE).extracting(Setting::name).doesNotHaveDuplicates()
                .contains("table", "set", "where", "fix", "classpath", "dry-run");
    }

    @Test
    void aSettingOfAnotherJobIsRefused() {
        Setting<String> rules = Setting.string("rules", null, "validate's rules file");
        assertThatThrownBy(() -> base.with(rules, "rules.yaml")).hasMessageContaining("'rules' is not a setting of update");
    }

    @Test
    void aLambdaFixIsNamedAfterTheClassItIsWrittenIn() {
        RowFix lambda = row -> row.set("a", 1);
        assertThat(Update.fixName(lambda.getClass())).isEqualTo(UpdateApiTest.class.getName() + "$$Lambda");
        assertThat(Update.fixName(UpdateContractTest.SeedFix.class)).isEqualTo(UpdateContractTest.SeedFix.class.getName());
    }

    private static String usage(Update u) {
        RowSweepException e = catchThrowableOfType(RowSweepException.class, u::run);
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        return e.getMessage();
    }
}
