package io.rowsweep.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable set of setting values; a setting that was not given has its default. */
public final class SettingValues {

    private final Map<Setting<?>, Object> values;

    private SettingValues(Map<Setting<?>, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static SettingValues defaults() {
        return new SettingValues(Map.of());
    }

    /** The value given, else the setting's default (which may be null). */
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting);
        return v == null ? setting.defaultValue() : setting.type().cast(v);
    }

    /** Whether the value was given explicitly. */
    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /** The values given explicitly, in the order they were given. */
    public Map<Setting<?>, Object> explicit() {
        return values;
    }

    /** A copy with one more value, checked now. */
    public <T> SettingValues with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(setting);
        } else {
            copy.put(setting, setting.check(value, setting.name()));
        }
        return new SettingValues(copy);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k.name()).append('=').append(k.render(v)));
        return io.rowsweep.core.internal.exec.Connections.redact(b.toString()); // replicas may be URLs with passwords
    }
}
