package io.rowsweep.core.state;

import java.util.List;

/**
 * The problems of one kind a job found (a validation's violations of one constraint on one
 * column), counted, with a few example rows. Each chunk records its groups with its checkpoint,
 * so the counts are exact for every done chunk, whichever process ran it;
 * {@link JobStateReader#problemGroups} adds them up for a job.
 *
 * @param table   the table (or set-based check) the problems are in
 * @param column  the column, or null (a class-level constraint, a whole-row check)
 * @param kind    what is wrong: the constraint's name ({@code NotNull}, a rule's name)
 * @param count   how many problems of this kind
 * @param samples a few of them, in key order within a chunk and chunk order across chunks
 */
public record ProblemGroup(String table, String column, String kind, long count, List<Sample> samples) {

    public ProblemGroup {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /**
     * One example of a problem.
     *
     * @param key     the row's key, as the violations file writes it (a JSON object of the key columns)
     * @param value   the offending value as text (at most 200 characters), or null
     * @param message the problem's message
     */
    public record Sample(String key, String value, String message) {
    }
}
