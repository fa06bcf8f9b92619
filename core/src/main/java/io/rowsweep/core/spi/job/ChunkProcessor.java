package io.rowsweep.core.spi.job;

/**
 * Does a job's work on one chunk, inside the chunk's transaction on the worker's connection. One
 * instance per worker thread and task, reused for that task's chunks. It must not commit or roll
 * back: the engine commits its work together with the chunk's checkpoint.
 *
 * @param <O> the job's output type ({@link ChunkOutcome#output()})
 */
@FunctionalInterface
public interface ChunkProcessor<O> {

    ChunkOutcome<O> process(ChunkContext context) throws Exception;

    /**
     * For a task that locks rows: the condition (trusted SQL) selecting the rows of a chunk's
     * range this processor may write, or null for every row. The engine locks those rows before
     * {@link #process}, so the processor's statements find them already its own (unless it
     * {@link #writesInOneStatement} and the database can run that statement without waiting).
     */
    default String writeFilter() {
        return null;
    }

    /**
     * For a task that locks rows: whether {@link #process} writes its rows in one statement that
     * locks them as it goes (a set-based UPDATE), reading and keeping nothing of them before. The
     * engine then takes no locks up front: it runs {@link #process} with no lock wait, and again
     * after a rollback when another transaction holds one of the rows. False by default.
     */
    default boolean writesInOneStatement() {
        return false;
    }
}
