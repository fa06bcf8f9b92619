package io.rowsweep.core.internal.exec;

import io.rowsweep.core.spi.Dialect;
import io.rowsweep.core.spi.job.SweepJob;
import io.rowsweep.core.spi.job.SweepTask;
import io.rowsweep.core.spi.schema.Table;
import io.rowsweep.core.state.JobRecord;
import io.rowsweep.core.state.JobStatus;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's parameters in its spec and identity, and kept when a process rebuilds the job from its spec. */
class ParameterizedJobTest {

    /** A job that is its spec. */
    private record Plain(String spec) implements SweepJob<Object> {
        @Override
        public String kind() {
            return "update";
        }

        @Override
        public List<String> tables() {
            return List.of("t");
        }

        @Override
        public List<SweepTask<Object>> prepare(Table table, Connection connection, Dialect dialect) {
            return List.of();
        }

        @Override
        public boolean rerunsWhenFinished() {
            return false;
        }
    }

    @Test
    void theParametersArePartOfTheSpecAndTheIdentitySortedByName() {
        SweepJob<Object> job = ParameterizedJob.of(new Plain("{\"table\":\"t\",\"set\":\"n = n + 1\"}"), Map.of("units", "3", "since", "2026-01-31"));
        assertThat(job.spec()).isEqualTo("{\"table\":\"t\",\"set\":\"n = n + 1\",\"parameters\":{\"since\":\"2026-01-31\",\"units\":\"3\"}}");
        assertThat(job.identity(null, name -> null)).isEqualTo(job.spec());
        assertThat(JobIdentity.hash("update", job.spec()))
                .isNotEqualTo(JobIdentity.hash("update", ParameterizedJob.of(new Plain("{\"table\":\"t\",\"set\":\"n = n + 1\"}"),
                        Map.of("units", "4", "since", "2026-01-31")).spec()));
        assertThat(new JobRecord("j", "update", "h", job.spec(), 1, JobStatus.FAILED, null, 0, 0, null).parameters())
                .containsExactly(Map.entry("since", "2026-01-31"), Map.entry("units", "3"));
    }

    @Test
    void withoutParametersTheJobIsItsOwnAndItsSpecUnchanged() {
        Plain plain = new Plain("{\"table\":\"t\"}");
        assertThat(ParameterizedJob.of(plain, Map.of())).isSameAs(plain);
        assertThat(new JobRecord("j", "update", "h", plain.spec(), 1, JobStatus.DONE, null, 0, 0, null).parameters()).isEmpty();
    }

    @Test
    void aRebuiltJobKeepsItsParametersAndItsFactorySeesTheSpecWithoutThem() {
        String spec = ParameterizedJob.of(new Plain("{\"table\":\"t\"}"), Map.of("units", "3")).spec();
        StringBuilder seen = new StringBuilder();
        SweepJob<?> rebuilt = ParameterizedJob.rebuild(spec, s -> {
            seen.append(s);
            return new Plain(s);
        });
        assertThat(seen).hasToString("{\"table\":\"t\"}");
        assertThat(rebuilt.spec()).isEqualTo(spec);
        assertThat(ParameterizedJob.rebuild("{\"table\":\"t\"}", Plain::new).spec()).isEqualTo("{\"table\":\"t\"}");
    }
}
