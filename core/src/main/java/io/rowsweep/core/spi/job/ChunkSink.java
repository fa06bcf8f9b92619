package io.rowsweep.core.spi.job;

/**
 * Where a job's chunk output goes (a violations file, samples of a dry run), made durable
 * together with the chunk's checkpoint. The engine drives it, in one place, for each chunk whose
 * work succeeded:
 *
 * <pre>{@code
 * Appended appended = sink.append(chunk, outcome.output());   // written, and the sink held
 * try {
 *     commit the chunk's checkpoint, recording appended.position();
 *     appended.committed();
 * } catch (Exception e) {
 *     appended.rollBack();                                      // nothing of the chunk stays
 * }
 * }</pre>
 *
 * and {@link #discard} for a chunk whose work failed before that. A run that resumes an
 * interrupted one is told the largest position a done chunk recorded ({@link SweepJob#beforeRun}),
 * and truncates what lies past it: output is neither lost nor duplicated.
 *
 * @param <O> the output type of the job's chunks ({@link ChunkOutcome#output()})
 */
public interface ChunkSink<O> {

    /** Keeps nothing: the checkpoint records no position. */
    static <O> ChunkSink<O> none() {
        return (chunk, output) -> Appended.NOTHING;
    }

    /**
     * Writes {@code output} (possibly null), durably, and holds the sink until the returned
     * {@link Appended} is settled, so positions follow the order of commits.
     */
    Appended append(Chunk chunk, O output) throws Exception;

    /** The chunk's work was rolled back before it was appended: drop its output. */
    default void discard(O output) {
    }

    /** One chunk's output, written and awaiting its checkpoint's commit. Exactly one of its two methods is called. */
    interface Appended {

        Appended NOTHING = whenCommitted(() -> {
        });

        /**
         * Output that keeps no position and needs no undoing: {@code onCommit} runs once the
         * checkpoint committed (e.g. to keep samples of a dry run only for chunks that count).
         */
        static Appended whenCommitted(Runnable onCommit) {
            return new Appended() {
                @Override
                public long position() {
                    return -1;
                }

                @Override
                public void committed() {
                    onCommit.run();
                }

                @Override
                public void rollBack() {
                }
            };
        }

        /** The sink's position after this output, recorded with the checkpoint; -1 if the sink keeps no position. */
        long position();

        /** The checkpoint committed: the output counts; release the sink. */
        void committed();

        /** The checkpoint did not commit: remove the output; release the sink. */
        void rollBack() throws Exception;
    }
}
