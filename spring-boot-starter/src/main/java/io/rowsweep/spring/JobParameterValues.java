package io.rowsweep.spring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values of a declared job's parameters at one start, checked against their types, defaults
 * filled in: what its definition receives. Typed getters by name ({@link #getInt}) or by the
 * parameter itself ({@link #get(JobParameter)}); asking for a parameter the job does not declare, or
 * as another type, is an {@link IllegalArgumentException} naming it.
 */
public final class JobParameterValues {

    private final JobParameters declared;
    private final Map<String, Object> values;
    private final Map<String, String> text;

    JobParameterValues(JobParameters declared, Map<String, Object> values, Map<String, String> text) {
        this.declared = declared;
        this.values = values;
        this.text = text;
    }

    /** No values, for a job without parameters. */
    static JobParameterValues none() {
        return new JobParameterValues(JobParameters.none(), Map.of(), Map.of());
    }

    /** The value of {@code parameter}. */
    public <T> T get(JobParameter<T> parameter) {
        return get(parameter.name(), parameter.javaType());
    }

    /** The value of the parameter named {@code name}, of type {@code type}. */
    public <T> T get(String name, Class<T> type) {
        JobParameter<?> p = declared.list().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The job has no parameter '" + name + "'; its parameters: "
                        + declared.describe() + "."));
        if (!type.isAssignableFrom(p.javaType())) {
            throw new IllegalArgumentException("Parameter '" + name + "' is " + p.type().described() + " (" + p.javaType().getSimpleName()
                    + "), not a " + type.getSimpleName() + ".");
        }
        return type.cast(values.get(name));
    }

    public int getInt(String name) {
        return get(name, Integer.class);
    }

    public long getLong(String name) {
        return get(name, Long.class);
    }

    public BigDecimal getDecimal(String name) {
        return get(name, BigDecimal.class);
    }

    public String getString(String name) {
        return get(name, String.class);
    }

    public boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }

    public LocalDate getDate(String name) {
        return get(name, LocalDate.class);
    }

    public Instant getInstant(String name) {
        return get(name, Instant.class);
    }

    /** The values by name, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The values by name as text ({@code 0.25}, {@code 2026-01-31}), as the job state keeps them in the job's spec. */
    public Map<String, String> asText() {
        return text;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code units=5, since=2026-01-31}. */
    @Override
    public String toString() {
        return text.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
