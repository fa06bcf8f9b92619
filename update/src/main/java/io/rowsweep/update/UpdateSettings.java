package io.rowsweep.update;

import io.rowsweep.core.Setting;
import io.rowsweep.core.SweepSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The settings of an update that the engine does not have: what to change. Each is declared here
 * once and appears with the same name as an {@link Update} method, a CLI flag ({@code --set}), an
 * environment variable ({@code ROWSWEEP_SET}) and a properties entry.
 *
 * <p>{@code set} and {@code where} are SQL written into the statements rowsweep runs, as given:
 * they are trusted input, exactly as if the user typed them into a SQL console. Only the
 * identifiers rowsweep generates itself (table, key columns) are quoted.
 */
public final class UpdateSettings {

    /** Default: none; required. */
    public static final Setting<String> TABLE = Setting.string("table", null,
            "The table to update, as table or schema.table. Required.");

    /** Default: none. SQL mode: the SET list, trusted SQL. */
    public static final Setting<String> SET = Setting.string("set", null,
            "SQL mode: the assignments of the UPDATE, e.g. \"service_fee_amount = amount * 0.1\" (trusted SQL, run as written)."
                    + " Give either set or fix.");

    /** Default: none (every row). */
    public static final Setting<String> WHERE = Setting.string("where", null,
            "Only rows matching this SQL condition, e.g. \"service_fee = 1\" (trusted SQL, run as written). Default: every row.");

    /** Default: none. Java mode: the fix class. */
    public static final Setting<String> FIX = Setting.string("fix", null,
            "Java mode: the class implementing io.rowsweep.update.spi.RowFix, e.g. com.acme.FixInvoices. Give either set or fix.");

    /** Default: none (rowsweep's own class path). */
    public static final Setting<String> CLASSPATH = Setting.string("classpath", null,
            "Where the fix class and what it needs are: jars, folders and dir/* wildcards, separated like java -cp."
                    + " Default: rowsweep's own class path.");

    /** Default: false. */
    public static final Setting<Boolean> DRY_RUN = Setting.flag("dry-run",
            "Report per table how many rows would change (Java mode: and a sample of before/after values); change nothing.");

    /** Default: false. */
    public static final Setting<Boolean> AGAIN = Setting.flag("again",
            "Apply an update that already completed once more, as a new run. Without it, the same update (the same table,"
                    + " SQL or fix class and where, however spelled) is not applied twice: re-running a completed one says when it"
                    + " completed. Refused while the update is unfinished (resume it, or discard its progress with restart).");

    /** The update settings, in the order help texts list them. */
    public static final List<Setting<?>> ALL = List.of(TABLE, SET, WHERE, FIX, CLASSPATH, DRY_RUN, AGAIN);

    /** Every setting an update accepts: {@link #ALL}, then the engine's {@link SweepSettings#ALL}. */
    public static final List<Setting<?>> ALL_WITH_ENGINE = concat(ALL, SweepSettings.ALL);

    private UpdateSettings() {
    }

    private static List<Setting<?>> concat(List<Setting<?>> a, List<Setting<?>> b) {
        List<Setting<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return Collections.unmodifiableList(all);
    }
}
