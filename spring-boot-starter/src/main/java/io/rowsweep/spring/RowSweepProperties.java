package io.rowsweep.spring;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.update.UpdateSettings;
import io.rowsweep.validation.ValidationSettings;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code rowsweep.*} properties: each is a rowsweep setting under its own name (the CLI's
 * flag without its dashes: {@code rowsweep.chunk-time=500ms} is {@code --chunk-time 500ms}),
 * applied to every declared job of the kinds it belongs to; a job's definition may override it.
 * Environment variables are read as Spring reads them ({@code ROWSWEEP_CHUNK_TIME}). What a job
 * does (table, set, where, fix, rules, entities, classpath) is said in its bean, not here, and a
 * property that is no rowsweep setting is an error, as an unknown CLI flag is. The starter's own
 * properties are {@code rowsweep.enabled}, the console's ({@link ConsoleProperties}) and the
 * queued-jobs worker's ({@link WorkerProperties}).
 */
final class RowSweepProperties {

    static final String PREFIX = "rowsweep.";
    /** The starter's own switch, not a rowsweep setting. */
    static final String ENABLED = "enabled";

    /** Settings that say what a job does: declared on the job's bean. */
    private static final List<Setting<?>> PER_JOB = List.of(UpdateSettings.TABLE, UpdateSettings.SET, UpdateSettings.WHERE,
            UpdateSettings.FIX, UpdateSettings.CLASSPATH, ValidationSettings.RULES, ValidationSettings.ENTITIES,
            ValidationSettings.CLASSPATH, SweepSettings.JOB);

    private final SettingValues validate;
    private final SettingValues update;
    private final ConsoleProperties console;
    private final WorkerProperties worker;

    private RowSweepProperties(SettingValues validate, SettingValues update, ConsoleProperties console, WorkerProperties worker) {
        this.validate = validate;
        this.update = update;
        this.console = console;
        this.worker = worker;
    }

    static RowSweepProperties from(Environment environment) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        for (List<Setting<?>> settings : List.of(SweepSettings.ALL, ValidationSettings.ALL, UpdateSettings.ALL)) {
            settings.forEach(s -> known.putIfAbsent(s.name(), s));
        }
        refuseUnknown(environment, known);
        SettingValues validate = SettingValues.defaults();
        SettingValues update = SettingValues.defaults();
        for (Setting<?> setting : known.values()) {
            String text = environment.getProperty(PREFIX + setting.name());
            if (text == null || PER_JOB.contains(setting)) {
                continue;
            }
            if (SweepSettings.ALL.contains(setting) || ValidationSettings.ALL.contains(setting)) {
                validate = with(validate, setting, text);
            }
            if (SweepSettings.ALL.contains(setting) || UpdateSettings.ALL.contains(setting)) {
                update = with(update, setting, text);
            }
        }
        return new RowSweepProperties(validate, update, ConsoleProperties.from(environment), WorkerProperties.from(environment));
    }

    private static <T> SettingValues with(SettingValues values, Setting<T> setting, String text) {
        return values.with(setting, setting.parse(text, PREFIX + setting.name()));
    }

    /** Names under {@code rowsweep.} in the application's property files that are no setting, or that belong on a job's bean. */
    private static void refuseUnknown(Environment environment, Map<String, Setting<?>> known) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        List<String> unknown = new ArrayList<>();
        List<String> perJob = new ArrayList<>();
        for (PropertySource<?> source : configurable.getPropertySources()) {
            // environment variables and system properties are the whole machine's; only the application's own files are checked
            if (!(source instanceof EnumerablePropertySource<?> names)
                    || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
                    || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
                continue;
            }
            for (String property : names.getPropertyNames()) {
                if (!property.startsWith(PREFIX)) {
                    continue;
                }
                String name = property.substring(PREFIX.length());
                Setting<?> setting = known.get(name);
                if (setting == null && !name.equals(ENABLED) && !ConsoleProperties.NAMES.contains(name) && !WorkerProperties.NAMES.contains(name)) {
                    unknown.add(property);
                } else if (setting != null && PER_JOB.contains(setting)) {
                    perJob.add(property);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw RowSweepException.usage("Unknown rowsweep propert" + (unknown.size() == 1 ? "y " : "ies ") + String.join(", ", unknown)
                    + ". rowsweep.* properties are rowsweep settings by their CLI names: " + String.join(", ", new TreeSet<>(settable(known)))
                    + "; and the starter's own rowsweep.enabled, " + PREFIX + String.join(", " + PREFIX, ConsoleProperties.NAMES) + ", "
                    + PREFIX + String.join(", " + PREFIX, WorkerProperties.NAMES) + ".");
        }
        if (!perJob.isEmpty()) {
            throw RowSweepException.usage(String.join(", ", perJob) + " say" + (perJob.size() == 1 ? "s" : "")
                    + " what a job does: set it in the job's bean (RowSweepJob.update(name, u -> u.table(...))), not as a property.");
        }
    }

    private static List<String> settable(Map<String, Setting<?>> known) {
        List<String> names = new ArrayList<>();
        known.values().stream().filter(s -> !PER_JOB.contains(s)).forEach(s -> names.add(s.name()));
        return names;
    }

    /** The settings every validate job starts from. */
    SettingValues validate() {
        return validate;
    }

    /** The settings every update job starts from. */
    SettingValues update() {
        return update;
    }

    /** The live console's properties. */
    ConsoleProperties console() {
        return console;
    }

    /** The queued-jobs worker's properties. */
    WorkerProperties worker() {
        return worker;
    }

    /** A {@code true}/{@code false} property below {@code rowsweep.}; anything else stops the application. */
    static boolean flag(Environment environment, String name, boolean byDefault) {
        String text = environment.getProperty(PREFIX + name);
        if (text == null) {
            return byDefault;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RowSweepException.usage(PREFIX + name + ": '" + text + "' is not true or false.");
        };
    }
}
