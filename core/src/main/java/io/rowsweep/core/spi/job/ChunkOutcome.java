package io.rowsweep.core.spi.job;

import io.rowsweep.core.state.ProblemGroup;

import java.util.List;

/**
 * What one chunk did.
 *
 * @param rows          rows read (or matched)
 * @param affected      rows acted on: invalid (validate) or changed (update)
 * @param problems      findings: violations
 * @param output        the job's output of the chunk, which its {@link ChunkSink} makes durable with the checkpoint (e.g. a spool of
 *                      violations), or null
 * @param problemGroups the problems by kind with a few examples each (at most {@link #MAX_GROUPS} groups and
 *                      {@link #MAX_SAMPLES} examples per group), recorded with the checkpoint for consoles; empty if the job
 *                      keeps none
 * @param <O>           the job's output type
 */
public record ChunkOutcome<O>(long rows, long affected, long problems, O output, List<ProblemGroup> problemGroups) {

    /** The most groups a chunk records: a job with more kinds of problem folds the rest into its last group. */
    public static final int MAX_GROUPS = 100;
    /** The most examples a chunk records per group. */
    public static final int MAX_SAMPLES = 5;

    public ChunkOutcome {
        problemGroups = problemGroups == null ? List.of() : List.copyOf(problemGroups);
        if (problemGroups.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("a chunk records at most " + MAX_GROUPS + " problem groups, not " + problemGroups.size());
        }
    }

    /** An outcome without problem groups. */
    public ChunkOutcome(long rows, long affected, long problems, O output) {
        this(rows, affected, problems, output, List.of());
    }

    /** An outcome with no output. */
    public static <O> ChunkOutcome<O> of(long rows, long affected, long problems) {
        return new ChunkOutcome<>(rows, affected, problems, null);
    }
}
