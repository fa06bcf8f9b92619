package io.rowsweep.cli.internal.options;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One option per {@link Setting}, generated from its declaration: {@code --<name>}, its
 * description, its environment variable {@code ROWSWEEP_<NAME>} and its key in the properties file
 * as fallbacks, parsed and checked by the setting itself, so the CLI cannot drift from the API.
 *
 * <p>As a mixin: {@code @Mixin SettingOptions settings = new SettingOptions(SweepSettings.ALL, MyJob.SETTINGS);},
 * then {@link #values()} in {@code call()}. Without annotations: {@link #addTo(CommandSpec, List)}.
 * A value on the command line wins over the environment, which wins over the file; a setting
 * given nowhere keeps its default.
 */
public final class SettingOptions implements FileKeys {

    private static final String HEADING = "Settings (also env ROWSWEEP_<NAME> or name=value in the properties file):%n";

    private final List<Setting<?>> settings;
    private final Map<Setting<?>, OptionSpec> options = new LinkedHashMap<>();
    private CommandSpec command;

    @SafeVarargs
    public SettingOptions(List<? extends Setting<?>>... groups) {
        List<Setting<?>> all = new ArrayList<>();
        for (List<? extends Setting<?>> g : groups) {
            all.addAll(g);
        }
        this.settings = List.copyOf(all);
    }

    /** Adds one option per setting to {@code spec}; {@link #values()} of the result reads them. */
    public static SettingOptions addTo(CommandSpec spec, List<? extends Setting<?>> settings) {
        SettingOptions generated = new SettingOptions(settings);
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(generated);
        generated.define(mixin);
        spec.addMixin("settings", mixin);
        generated.command = spec;
        return generated;
    }

    /** Called by picocli with this mixin's own model, before it is merged into the command. */
    @Spec(Spec.Target.SELF)
    void define(CommandSpec self) {
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(HEADING).validate(false).exclusive(false).order(2);
        for (Setting<?> s : settings) {
            OptionSpec option = option(s);
            options.put(s, option);
            group.addArg(option);
        }
        self.addArgGroup(group.build());
    }

    /** Called by picocli with the command that uses this mixin. */
    @Spec(Spec.Target.MIXEE)
    void command(CommandSpec mixee) {
        this.command = mixee;
    }

    public List<Setting<?>> settings() {
        return settings;
    }

    @Override
    public Collection<String> fileKeys() {
        return settings.stream().map(Setting::name).toList();
    }

    /**
     * The settings' values: from the command line, else the environment, else the properties file,
     * else the default.
     *
     * @throws RowSweepException a usage error naming the variable or file key whose value is wrong
     */
    public SettingValues values() {
        CliContext context = CliContext.of(command);
        SettingValues values = SettingValues.defaults();
        for (Setting<?> s : settings) {
            Object given = options.get(s).getValue();
            if (given != null && (s.type() != Boolean.class || (Boolean) given)) {
                values = put(values, s, given);
                continue;
            }
            String env = context.env(s.envVar());
            if (env != null && !env.isEmpty()) {
                values = put(values, s, s.parse(env, s.envVar()));
                continue;
            }
            String file = context.config().get(s.name());
            if (file != null) {
                values = put(values, s, s.parse(file, context.config().source(s.name())));
            }
        }
        return values;
    }

    private static <T> SettingValues put(SettingValues values, Setting<T> setting, Object value) {
        return values.with(setting, setting.type().cast(value));
    }

    private static OptionSpec option(Setting<?> s) {
        OptionSpec.Builder b = OptionSpec.builder(s.cliFlag())
                .type(s.type())
                .description(escape(s.description()) + " Env: " + s.envVar() + ".")
                .converters(converter(s));
        if (s.type() == Boolean.class) {
            b.arity("0");
        } else {
            b.arity("1").paramLabel(paramLabel(s));
        }
        if (s.type().isEnum()) {
            List<String> candidates = new ArrayList<>();
            for (Object c : s.type().getEnumConstants()) {
                candidates.add(s.render(c));
            }
            b.completionCandidates(candidates);
        }
        return b.build();
    }

    private static ITypeConverter<Object> converter(Setting<?> s) {
        return text -> {
            try {
                return s.parse(text, s.cliFlag());
            } catch (RowSweepException e) {
                TypeConversionException wrapped = new TypeConversionException(e.getMessage());
                wrapped.initCause(e);
                throw wrapped;
            }
        };
    }

    private static String paramLabel(Setting<?> s) {
        if (s.type() == Duration.class) {
            return "DURATION";
        }
        if (s.type() == Integer.class || s.type() == Long.class) {
            return "N";
        }
        if (s.type().isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : s.type().getEnumConstants()) {
                names.add(s.render(c));
            }
            return String.join("|", names);
        }
        return s.name().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Picocli reads descriptions as format strings. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
