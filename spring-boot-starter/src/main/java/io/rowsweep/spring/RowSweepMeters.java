package io.rowsweep.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.Progress;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RunSummary;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs' meters, named by Micrometer's conventions (lower case, dots; tags of few values: the
 * job, its kind, the table, the outcome):
 *
 * <ul>
 *   <li>{@code rowsweep.rows} (counter): rows processed in chunks that are done, by job, kind, table;</li>
 *   <li>{@code rowsweep.rows.changed} (counter): rows an update changed (or a validate chunk's affected rows: none);</li>
 *   <li>{@code rowsweep.problems} (counter): violations a validate job found;</li>
 *   <li>{@code rowsweep.chunks} (counter): chunks by job, kind, table and outcome ({@code done}, {@code failed});</li>
 *   <li>{@code rowsweep.chunk.duration} (timer): how long chunks took, by job, kind, table and outcome;</li>
 *   <li>{@code rowsweep.throttle} (gauge): 1 while the latency guard slows the job's run down, else 0, by job.</li>
 * </ul>
 */
final class RowSweepMeters implements RunListenerFactory {

    static final String ROWS = "rowsweep.rows";
    static final String ROWS_CHANGED = "rowsweep.rows.changed";
    static final String PROBLEMS = "rowsweep.problems";
    static final String CHUNKS = "rowsweep.chunks";
    static final String CHUNK_DURATION = "rowsweep.chunk.duration";
    static final String THROTTLE = "rowsweep.throttle";

    private final MeterRegistry registry;
    /** The throttle gauges' values, one per job; the registry holds gauges' values weakly. */
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

    RowSweepMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ProgressListener forRun(RowSweepJob job) {
        Tags jobTags = Tags.of("job", job.name(), "kind", job.kind().tag());
        AtomicInteger throttle = throttled.computeIfAbsent(job.name(), name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(THROTTLE, value, AtomicInteger::get).tags(Tags.of("job", name))
                    .description("1 while the latency guard slows the job's run down, else 0").register(registry);
            return value;
        });
        return new ProgressListener() {
            @Override
            public void chunkFinished(ChunkEvent event) {
                Tags tags = jobTags.and("table", event.table());
                String outcome = event.done() ? "done" : "failed";
                Counter.builder(CHUNKS).tags(tags).tag("outcome", outcome).description("Chunks that ended, by outcome")
                        .register(registry).increment();
                Timer.builder(CHUNK_DURATION).tags(tags).tag("outcome", outcome).description("Time a chunk took, retries included")
                        .register(registry).record(event.duration());
                if (event.done()) {
                    Counter.builder(ROWS).tags(tags).baseUnit("rows").description("Rows in chunks that are done")
                            .register(registry).increment(event.rows());
                    Counter.builder(ROWS_CHANGED).tags(tags).baseUnit("rows").description("Rows an update changed")
                            .register(registry).increment(event.affected());
                    Counter.builder(PROBLEMS).tags(tags).baseUnit("violations").description("Violations a validate job found")
                            .register(registry).increment(event.problems());
                }
            }

            @Override
            public void progress(Progress progress) {
                throttle.set(progress.throttle() == null ? 0 : 1);
            }

            @Override
            public void finished(Progress progress, RunSummary summary) {
                throttle.set(0);
            }
        };
    }
}
