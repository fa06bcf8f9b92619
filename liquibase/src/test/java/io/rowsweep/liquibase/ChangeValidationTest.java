package io.rowsweep.liquibase;

import liquibase.exception.ValidationErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Liquibase's validation (before the update runs) refuses in the changes' properties, each with its message. */
class ChangeValidationTest {

    private static QueueBackfill queue(String job, String set, String fix, String settings) {
        QueueBackfill change = new QueueBackfill();
        change.setJob(job);
        change.setTable("item");
        change.setSet(set);
        change.setFix(fix);
        change.setSettings(settings);
        return change;
    }

    @Test
    void aCompleteQueueBackfillPasses() {
        assertThat(queue("j", "a = 1", null, "chunk-time=500ms, heartbeat-interval=2s").validate(null).hasErrors()).isFalse();
    }

    @Test
    void aMissingJobIsAnError() {
        ValidationErrors errors = queue(null, "a = 1", null, null).validate(null);
        assertThat(errors.getErrorMessages()).anyMatch(m -> m.contains("job"));
    }

    @Test
    void bothSetAndFixOrNeitherIsAnError() {
        assertThat(queue("j", "a = 1", "com.acme.Fix", null).validate(null).getErrorMessages())
                .containsExactly("give either set (SQL) or fix (a RowFix class), not both");
        assertThat(queue("j", null, null, null).validate(null).getErrorMessages())
                .containsExactly("give either set (SQL) or fix (a RowFix class), not neither");
    }

    @Test
    void anUnknownOrBadSettingIsAnError() {
        assertThat(queue("j", "a = 1", null, "chunk-tme=1s").validate(null).getErrorMessages())
                .anyMatch(m -> m.contains("'chunk-tme' is not a setting of update"));
        assertThat(queue("j", "a = 1", null, "chunk-time").validate(null).getErrorMessages())
                .anyMatch(m -> m.contains("'chunk-time' has no value"));
        assertThat(queue("j", "a = 1", null, "heartbeat-interval=soon").validate(null).getErrorMessages())
                .anyMatch(m -> m.contains("heartbeat-interval"));
    }

    @Test
    void ensureBackfillFinishedNeedsAJobAndAWorker() {
        EnsureBackfillFinished change = new EnsureBackfillFinished();
        change.setWorkers(0);
        assertThat(change.validate(null).getErrorMessages()).anyMatch(m -> m.contains("job"))
                .anyMatch(m -> m.contains("workers must be at least 1"));
    }
}
