package io.rowsweep.maven.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.distributed.WorkerSettings;
import io.rowsweep.update.UpdateSettings;
import io.rowsweep.validation.ValidationSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A goal's settings by the CLI's names, each from the first place that gives it: {@code -Drowsweep.NAME} on the command line,
 * the plugin's {@code <configuration>}, the environment ({@code ROWSWEEP_NAME}), then the properties file
 * ({@code rowsweep.properties}, which the CLI reads too). A name nothing knows is an error wherever it is written, so a typo
 * never silently does nothing; a value is parsed and checked by its setting, and an error names where it came from.
 */
public final class PluginSettings {

    /** Prefix of the command line's properties: {@code -Drowsweep.chunk-time=2s}. */
    public static final String PROPERTY_PREFIX = "rowsweep.";
    /** Read from the project's directory when present and no other file is named. */
    public static final String DEFAULT_FILE = "rowsweep.properties";

    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    private static final List<String> CONNECTION = List.of(URL, USER, PASSWORD);

    /**
     * Every name a properties file, {@code <settings>} or {@code -Drowsweep.} may hold: the file is shared with the CLI, whose
     * update and worker commands read it too, and the plugin's {@code <configuration>} and the command line with every goal.
     * Each goal uses its own settings among them.
     */
    private static final Set<String> KNOWN_KEYS = Stream.of(CONNECTION.stream(),
                    Stream.of(SweepSettings.ALL, ValidationSettings.ALL, UpdateSettings.ALL, WorkerSettings.ALL)
                            .flatMap(Collection::stream).map(Setting::name))
            .flatMap(s -> s).collect(Collectors.toCollection(TreeSet::new));

    private record Value(String text, String source) {
    }

    private final Map<String, Setting<?>> goalSettings;
    private final Map<String, Value> values;

    private PluginSettings(Map<String, Setting<?>> goalSettings, Map<String, Value> values) {
        this.goalSettings = goalSettings;
        this.values = values;
    }

    /**
     * Resolves a goal's settings.
     *
     * @param settings         the goal's settings besides the connection's
     * @param commandLine      the session's user properties; those starting with {@link #PROPERTY_PREFIX} are read
     * @param pluginParameters names after the prefix that are the plugin's own parameters, not settings ({@code skip})
     * @param configured       the plugin's {@code <configuration>}: {@code url}, {@code user}, {@code password} and {@code <settings>}
     * @param environment      the process environment
     * @param file             the properties file; null or a missing default file for none
     * @param fileNamed        whether the file was named by the user (then it must exist)
     */
    public static PluginSettings resolve(List<Setting<?>> settings, Map<String, String> commandLine,
                                         Set<String> pluginParameters, Map<String, String> configured,
                                         Map<String, String> environment, Path file, boolean fileNamed) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        settings.forEach(s -> known.put(s.name(), s));
        Set<String> goalKeys = new TreeSet<>(known.keySet());
        goalKeys.addAll(CONNECTION);

        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, String> fromFile = readFile(file, fileNamed);
        fromFile.forEach((key, text) -> {
            if (!KNOWN_KEYS.contains(key)) {
                throw RowSweepException.usage(file + ": unknown setting '" + key + "'. Known settings: " + String.join(", ", KNOWN_KEYS) + ".");
            }
            values.put(key, new Value(text, file.getFileName() + ": " + key));
        });
        for (String key : goalKeys) {
            String variable = "ROWSWEEP_" + key.toUpperCase(Locale.ROOT).replace('-', '_'); // as Setting.envVar() names them
            if (environment.get(variable) != null) {
                values.put(key, new Value(environment.get(variable), variable));
            }
        }
        configured.forEach((key, text) -> {
            if (!KNOWN_KEYS.contains(key)) {
                throw RowSweepException.usage("<settings><" + key + ">: '" + key + "' is not a rowsweep setting. Known settings: "
                        + String.join(", ", KNOWN_KEYS) + ".");
            }
            if (text != null) {
                values.put(key, new Value(text, CONNECTION.contains(key) ? "<" + key + ">" : "<settings><" + key + ">"));
            }
        });
        commandLine.forEach((property, text) -> {
            if (!property.startsWith(PROPERTY_PREFIX)) {
                return;
            }
            String key = property.substring(PROPERTY_PREFIX.length());
            if (pluginParameters.contains(key)) {
                return;
            }
            if (!KNOWN_KEYS.contains(key)) {
                throw RowSweepException.usage("-D" + property + ": '" + key + "' is not a rowsweep setting. Known settings: "
                        + String.join(", ", KNOWN_KEYS) + ".");
            }
            values.put(key, new Value(text, "-D" + property));
        });
        values.keySet().retainAll(goalKeys); // another goal's settings (validate's workers, given to status) are that goal's
        return new PluginSettings(known, values);
    }

    private static Map<String, String> readFile(Path file, boolean named) {
        if (file == null || !named && !Files.isRegularFile(file)) {
            return Map.of();
        }
        if (!Files.isRegularFile(file)) {
            throw RowSweepException.usage("<configFile> / -Drowsweep.config " + file + ": no such file. Check the path, or leave it out"
                    + " to use " + DEFAULT_FILE + " of the project's directory when there is one.");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw RowSweepException.usage(file + ": cannot be read as a properties file (" + e.getMessage() + ").");
        }
        Map<String, String> values = new LinkedHashMap<>();
        new TreeSet<>(properties.stringPropertyNames()).forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /** The text given for {@code name}, or null. */
    public String text(String name) {
        Value v = values.get(name);
        return v == null ? null : v.text();
    }

    /** Where the value of {@code name} came from ({@code -Drowsweep.url}, {@code rowsweep.properties: url}), or null. */
    public String source(String name) {
        Value v = values.get(name);
        return v == null ? null : v.source();
    }

    /** The goal's settings that were given (not the connection's), parsed and checked, each error naming where it came from. */
    public SettingValues settingValues() {
        SettingValues result = SettingValues.defaults();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            Setting<?> setting = goalSettings.get(e.getKey());
            if (setting != null) {
                result = parsed(result, setting, e.getValue());
            }
        }
        return result;
    }

    private static <T> SettingValues parsed(SettingValues values, Setting<T> setting, Value value) {
        return values.with(setting, setting.parse(value.text(), value.source()));
    }
}
