package io.rowsweep.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.rowsweep.core.ChunkEvent;
import io.rowsweep.core.ChunkStart;
import io.rowsweep.core.ErrorCode;
import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Observation per chunk ({@value #NAME}), a child of its run's, so that any tracing bridge
 * shows each chunk as a span of the run's trace. A worker thread starts and finishes its chunk
 * itself, so the open observations are kept by thread; a chunk the run stopped in the middle of
 * ends with outcome {@code unfinished}.
 */
final class ChunkObservations implements ProgressListener {

    static final String NAME = "rowsweep.chunk";

    private final ObservationRegistry registry;
    private final Observation run;
    private final RowSweepJob job;
    private final Map<Thread, Observation> open = new ConcurrentHashMap<>();

    ChunkObservations(ObservationRegistry registry, Observation run, RowSweepJob job) {
        this.registry = registry;
        this.run = run;
        this.job = job;
    }

    @Override
    public void chunkStarted(ChunkStart start) {
        Observation chunk = Observation.createNotStarted(NAME, registry)
                .contextualName("rowsweep chunk " + start.table())
                .parentObservation(run)
                .lowCardinalityKeyValue("job", job.name())
                .lowCardinalityKeyValue("kind", job.kind().tag())
                .lowCardinalityKeyValue("table", start.table())
                .highCardinalityKeyValue("chunk", Integer.toString(start.chunk()))
                .highCardinalityKeyValue("range", start.range())
                .highCardinalityKeyValue("worker", start.worker())
                .start();
        Observation before = open.put(Thread.currentThread(), chunk);
        if (before != null) {
            unfinished(before); // its run let go of it (another process finished it)
        }
    }

    @Override
    public void chunkFinished(ChunkEvent event) {
        Observation chunk = open.remove(Thread.currentThread());
        if (chunk == null) {
            return;
        }
        chunk.lowCardinalityKeyValue("outcome", event.done() ? "done" : "failed")
                .highCardinalityKeyValue("rows", Long.toString(event.rows()))
                .highCardinalityKeyValue("attempt", Integer.toString(event.attempt()));
        if (!event.done()) {
            chunk.error(new RowSweepException(ErrorCode.RUN_FAILED, "chunk " + event.table() + event.range() + " failed: " + event.error()));
        }
        chunk.stop();
    }

    /** Ends the observations of chunks the run stopped in the middle of; called once the run is over. */
    void closeUnfinished() {
        open.values().forEach(ChunkObservations::unfinished);
        open.clear();
    }

    private static void unfinished(Observation chunk) {
        chunk.lowCardinalityKeyValue("outcome", "unfinished").stop();
    }
}
