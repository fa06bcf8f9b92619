package io.rowsweep.core.internal.state;

/**
 * The table a task of a job works on, as recorded in {@code rowsweep_table}.
 *
 * @param ref      the table qualified and quoted by the dialect ({@code "public"."t"}): the same for {@code t} and {@code public.t}
 * @param identity the database's identity of the table (PostgreSQL: {@code oid:16384}), or null where it has none
 * @param writes   whether the job writes to it (an update that is not a dry run)
 */
public record TableTarget(String ref, String identity, boolean writes) {
}
