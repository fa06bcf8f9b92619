package io.rowsweep.core.engine;

import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.internal.exec.SweepEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The distributed setting without the module that provides it, and workers 0 without it: usage errors before connecting. */
class DistributedSettingTest {

    /** Never connected to: the errors come first. */
    private final JdbcDataSource nowhere = new JdbcDataSource();

    @Test
    void distributedWithoutTheDistributedModuleSaysWhatToAdd() {
        SettingValues settings = SettingValues.defaults().with(SweepSettings.DISTRIBUTED, true).with(SweepSettings.WORKERS, 1);
        RowSweepException e = catchThrowableOfType(() -> new SweepEngine(nowhere, settings, List.of(), Clock.systemUTC())
                .run(new IncrementJob("t")), RowSweepException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(e.getMessage()).contains("rowsweep-distributed").contains("class path").contains("without --distributed");
    }

    @Test
    void noWorkersOnlyWithDistributed() {
        SettingValues settings = SettingValues.defaults().with(SweepSettings.WORKERS, 0);
        RowSweepException e = catchThrowableOfType(() -> new SweepEngine(nowhere, settings, List.of(), Clock.systemUTC())
                .run(new IncrementJob("t")), RowSweepException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(e.getMessage()).contains("workers is 0").contains("--distributed");
    }
}
