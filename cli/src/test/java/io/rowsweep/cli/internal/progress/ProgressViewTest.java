package io.rowsweep.cli.internal.progress;

import io.rowsweep.cli.internal.console.Terminal;
import io.rowsweep.core.Progress;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.TableProgress;
import io.rowsweep.core.TableSummary;
import io.rowsweep.core.WorkerStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress display as text, from made-up snapshots. */
class ProgressViewTest {

    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    static final Terminal UNICODE = new Terminal(true, 100, true, false);
    static final Terminal ASCII_NARROW = new Terminal(true, 60, false, false);

    static Progress progress(int workers, long done, long estimated, Duration eta) {
        List<WorkerStatus> ws = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            WorkerStatus.State state = i % 4 == 3 ? WorkerStatus.State.CLAIMING : WorkerStatus.State.WORKING;
            ws.add(new WorkerStatus("rowsweep-" + (i + 1), state, state == WorkerStatus.State.WORKING
                    ? "posts(" + i * 10_000 + ".." + (i + 1) * 10_000 + "]" : null, START.plusMillis(4_000)));
        }
        return new Progress("validate-3fa2b1c40d9e", START, Duration.ofMillis(5_300), done, estimated, 112_345.4, eta, 0, 12, 56, 1, ws,
                List.of(new TableProgress("posts", done, estimated, 0, 12, 56, 1, false)));
    }

    @Test
    void liveBlockShowsBarRatesAndOneLinePerWorker() {
        List<String> lines = ProgressView.live(progress(4, 591_234, 1_232_687, Duration.ofMillis(6_100)), UNICODE);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("validate-3fa2b1c40d9e   48% ").contains("█░").endsWith("591,234 / 1,232,687 rows");
        assertThat(lines.get(1)).isEqualTo("  112,345 rows/s · ETA 6.1s · elapsed 5.3s · 56 chunks · 1 failed · 12 problems");
        assertThat(lines.get(2)).isEqualTo("  rowsweep-1  working   posts(0..10000]  1.3s");
        assertThat(lines.get(5)).isEqualTo("  rowsweep-4  claiming  1.3s");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThan(UNICODE.width()));
    }

    @Test
    void narrowAsciiTerminalsGetCutLinesAndPlainCharacters() {
        List<String> lines = ProgressView.live(progress(4, 591_234, 1_232_687, null), ASCII_NARROW);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThan(60));
        assertThat(lines.get(0)).contains("[#").contains("-]").doesNotContain("█");
        assertThat(lines.get(1)).contains("ETA --, ");
    }

    @Test
    void manyWorkersAreSummedUp() {
        List<String> lines = ProgressView.live(progress(40, 10, 100, null), UNICODE);
        assertThat(lines).hasSize(2 + ProgressView.MAX_WORKER_LINES);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  ... 29 more workers: 8 claiming, 21 working");
    }

    @Test
    void coloursOnlyWhenWelcomeAndNeverCountedInTheWidth() {
        Terminal color = new Terminal(true, 80, true, true);
        List<String> lines = ProgressView.live(progress(2, 500, 1000, null), color);
        assertThat(lines.get(0)).contains("\u001b[32m");
        assertThat(lines).allSatisfy(l -> assertThat(l.replaceAll("\u001b\\[\\d+m", "").length()).isLessThan(80));
        assertThat(String.join("", ProgressView.live(progress(2, 500, 1000, null), UNICODE))).doesNotContain("\u001b");
    }

    @Test
    void plainLineForLogs() {
        assertThat(ProgressView.plain(progress(4, 591_234, 1_232_687, Duration.ofSeconds(65))))
                .isEqualTo("progress validate-3fa2b1c40d9e: 48% (591,234 of 1,232,687 rows), 112,345 rows/s, ETA 1m05s, 56 chunks, 1 failed,"
                        + " 12 problems");
        assertThat(ProgressView.plain(progress(1, 42, 0, null))).startsWith("progress validate-3fa2b1c40d9e: 42 rows, ");
    }

    @Test
    void summaryTable() {
        RunSummary s = new RunSummary("validate-3fa2b1c40d9e", 1, "validate", RunStatus.DONE, false, START, Duration.ofMillis(12_300), 4,
                List.of(new TableSummary("posts", "primary key (id)", 1_200_000, 30, 40, 120, 0, Duration.ofSeconds(40)),
                        new TableSummary("pages", "primary key (id)", 32_687, 0, 0, 10, 1, Duration.ofMillis(1_500))), List.of());
        assertThat(ProgressView.summary(s, "Invalid rows", "Violations")).isEqualTo(String.join(System.lineSeparator(),
                "TABLE       ROWS  INVALID ROWS  VIOLATIONS  CHUNKS  FAILED  BUSY",
                "posts  1,200,000            30          40     120       0   40s",
                "pages     32,687             0           0      10       1  1.5s",
                "total  1,232,687            30          40     130       1   42s",
                "done in 12s (100,218 rows/s, 4 workers)", ""));
    }
}
