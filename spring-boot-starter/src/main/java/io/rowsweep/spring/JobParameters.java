package io.rowsweep.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parameters a declared job takes at each start, in the order the console shows them:
 *
 * <pre>{@code
 * RowSweepJob.update("restock", params(integer("units").defaultValue(1)),
 *         (u, p) -> u.table("product").fix(row -> row.set("stock", row.getInt("stock") + p.getInt("units"))));
 * }</pre>
 *
 * (with {@code import static io.rowsweep.spring.JobParameters.params} and {@code JobParameter.integer}).
 */
public final class JobParameters {

    private static final JobParameters NONE = new JobParameters(List.of());

    private final List<JobParameter<?>> list;

    private JobParameters(List<JobParameter<?>> list) {
        this.list = List.copyOf(list);
    }

    /** These parameters; two with one name are refused. */
    public static JobParameters params(JobParameter<?>... parameters) {
        Map<String, JobParameter<?>> byName = new LinkedHashMap<>();
        for (JobParameter<?> p : parameters) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("Two job parameters are named '" + p.name() + "': give each its own name.");
            }
        }
        return new JobParameters(Arrays.asList(parameters));
    }

    /** No parameters. */
    public static JobParameters none() {
        return NONE;
    }

    /** The parameters, in declaration order. */
    public List<JobParameter<?>> list() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** {@code units (an integer, default 1), since (a date (YYYY-MM-DD), required)}; {@code none} when there are none. */
    public String describe() {
        return list.isEmpty() ? "none" : list.stream().map(JobParameter::describe).collect(Collectors.joining(", "));
    }

    /**
     * The values of a start: each given value checked against its parameter's type, the defaults of
     * those not given; a value that is null or empty text counts as not given.
     *
     * @throws IllegalArgumentException naming every parameter that is unknown, missing or of the wrong type, and what it takes
     */
    JobParameterValues resolve(Map<String, ?> given) {
        List<String> problems = new ArrayList<>();
        Map<String, JobParameter<?>> byName = new LinkedHashMap<>();
        list.forEach(p -> byName.put(p.name(), p));
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(byName.keySet());
        if (!unknown.isEmpty()) {
            problems.add((unknown.size() == 1 ? "there is no parameter " : "there are no parameters ")
                    + unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + " (its parameters: " + describe() + ")");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> text = new LinkedHashMap<>();
        for (JobParameter<?> p : list) {
            Object value = given.get(p.name());
            if (value == null || (value instanceof CharSequence s && s.toString().isBlank())) {
                if (p.required()) {
                    problems.add("parameter '" + p.name() + "' is required (" + p.type().described() + ", e.g. " + p.type().example() + ")");
                } else {
                    put(p, p.defaultValue(), values, text);
                }
                continue;
            }
            try {
                put(p, p.convert(value), values, text);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new JobParameterValues(this, Collections.unmodifiableMap(values), Collections.unmodifiableMap(text));
    }

    private static <T> void put(JobParameter<T> p, Object value, Map<String, Object> values, Map<String, String> text) {
        T typed = p.javaType().cast(value);
        values.put(p.name(), typed);
        text.put(p.name(), p.format(typed));
    }

    @Override
    public String toString() {
        return describe();
    }
}
