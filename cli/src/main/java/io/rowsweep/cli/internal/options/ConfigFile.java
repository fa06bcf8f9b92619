package io.rowsweep.cli.internal.options;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.schema.TableResolver;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties file: one {@code name=value} line per setting, with the names of the flags
 * ({@code url}, {@code user}, {@code password}, {@code workers}, {@code chunk-time}, ...). A key
 * no command knows is an error, so a typo never silently does nothing.
 */
public final class ConfigFile {

    /** Read from the working directory when present and no {@code --config} is given. */
    public static final String DEFAULT_FILE = "rowsweep.properties";

    /** No file. */
    public static final ConfigFile NONE = new ConfigFile("", Map.of());

    private final String origin;
    private final Map<String, String> values;

    private ConfigFile(String origin, Map<String, String> values) {
        this.origin = origin;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Loads {@code explicit}, else {@code ./rowsweep.properties} if it exists, else nothing.
     *
     * @param knownKeys every key some command of the tree reads
     */
    public static ConfigFile load(Path explicit, Set<String> knownKeys) {
        Path file = explicit != null ? explicit : Path.of(DEFAULT_FILE);
        if (explicit == null && !Files.isRegularFile(file)) {
            return NONE;
        }
        if (!Files.isRegularFile(file)) {
            throw RowSweepException.usage("--config " + explicit + ": no such file. Check the path, or leave --config out to use ./"
                    + DEFAULT_FILE + " when there is one.");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw RowSweepException.usage(file + ": cannot be read as a properties file (" + e.getMessage() + ").");
        }
        String origin = explicit != null ? explicit.toString() : DEFAULT_FILE;
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!knownKeys.contains(key)) {
                throw RowSweepException.usage(origin + ": unknown setting '" + key + "'" + TableResolver.suggestion(key, List.copyOf(knownKeys))
                        + ". Known settings: " + String.join(", ", new TreeSet<>(knownKeys)) + ".");
            }
            values.put(key, properties.getProperty(key));
        }
        return new ConfigFile(origin, values);
    }

    /** Every key the options of this command tree read from the file. */
    public static Set<String> knownKeys(CommandSpec root) {
        Set<String> keys = new TreeSet<>();
        collect(root, keys);
        return keys;
    }

    private static void collect(CommandSpec spec, Set<String> keys) {
        spec.mixins().values().forEach(mixin -> {
            if (mixin.userObject() instanceof FileKeys) {
                keys.addAll(((FileKeys) mixin.userObject()).fileKeys());
            }
        });
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), keys));
    }

    /** The value for {@code key}, or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** Where a value came from, for error messages: {@code rowsweep.properties: workers}. */
    public String source(String key) {
        return origin + ": " + key;
    }
}
