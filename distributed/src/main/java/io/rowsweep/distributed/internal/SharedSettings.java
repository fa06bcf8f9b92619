package io.rowsweep.distributed.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The engine settings every process of a distributed run runs with: those the starting process
 * was given, except what is each process's own (workers) or identifies the job (job, state
 * schema, restart). Recorded as properties text in the worker registry.
 */
final class SharedSettings {

    private static final List<Setting<?>> OWN = List.of(SweepSettings.WORKERS, SweepSettings.JOB, SweepSettings.STATE_SCHEMA,
            SweepSettings.RESTART, SweepSettings.DISTRIBUTED);

    private SharedSettings() {
    }

    static String encode(SettingValues values) {
        Properties p = new Properties();
        for (Map.Entry<Setting<?>, Object> e : values.explicit().entrySet()) {
            if (SweepSettings.ALL.contains(e.getKey()) && !OWN.contains(e.getKey())) {
                p.setProperty(e.getKey().name(), e.getKey().render(e.getValue()));
            }
        }
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Without the date line store() writes first, so equal settings give equal text.
        return w.toString().replaceFirst("^#[^\n]*\n", "");
    }

    /** The run's settings on top of {@code own} (this process's workers, job and state schema). */
    static SettingValues decode(String text, SettingValues own) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SettingValues values = own;
        for (Setting<?> s : SweepSettings.ALL) {
            String v = p.getProperty(s.name());
            if (v != null && !OWN.contains(s)) {
                values = withParsed(values, s, v);
            }
        }
        return values;
    }

    private static <T> SettingValues withParsed(SettingValues values, Setting<T> setting, String text) {
        try {
            return values.with(setting, setting.parse(text, "the run's recorded setting " + setting.name()));
        } catch (RowSweepException e) {
            throw RowSweepException.configuration(e.getMessage() + ". Was the run started by another rowsweep version?");
        }
    }
}
