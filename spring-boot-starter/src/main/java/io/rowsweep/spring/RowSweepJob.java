package io.rowsweep.spring;

import io.rowsweep.core.SweepSettings;
import io.rowsweep.update.Update;
import io.rowsweep.validation.Validation;

import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A job declared as a bean, started by name from {@link RowSweepJobs}, the {@code rowsweep}
 * actuator endpoint or the console. Its name is its rowsweep job name: starting it again resumes
 * an interrupted run, and an update that completed is not applied again.
 *
 * <pre>{@code
 * @Bean
 * RowSweepJob validateShop() {
 *     return RowSweepJob.validate("validate-shop", v -> v.exclude("AuditEntry"));
 * }
 *
 * @Bean
 * RowSweepJob backfillStock() {
 *     return RowSweepJob.update("backfill-stock", u -> u.table("product").set("stock = stock + 1").where("stock IS NOT NULL"));
 * }
 * }</pre>
 *
 * <p>The definition receives a builder already set up with the application's {@code DataSource},
 * its {@code rowsweep.*} properties and, for validate, the application's JPA entities and naming
 * strategy; it returns the builder with the job's own settings (the same typed methods as
 * {@link Validation} and {@link Update}). It runs each time the job starts, so it may read
 * current values, and it must not call {@code run()}.
 */
public final class RowSweepJob {

    /** What a job does. */
    public enum Kind {
        VALIDATE, UPDATE;

        /** The kind as meters and the endpoint name it: {@code validate}, {@code update}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final Kind kind;
    private final UnaryOperator<Validation> validation;
    private final UnaryOperator<Update> update;

    private RowSweepJob(String name, Kind kind, UnaryOperator<Validation> validation, UnaryOperator<Update> update) {
        this.name = SweepSettings.JOB.check(Objects.requireNonNull(name, "name"), "a job's name");
        this.kind = kind;
        this.validation = validation;
        this.update = update;
    }

    /** Validates every row of the application's entities, as the application maps them. */
    public static RowSweepJob validate(String name) {
        return validate(name, UnaryOperator.identity());
    }

    /**
     * A validate job; {@code definition} narrows or tunes it ({@code tables}, {@code exclude},
     * {@code groups}, {@code workers}, ...), or gives a rules file when the application has no JPA.
     */
    public static RowSweepJob validate(String name, UnaryOperator<Validation> definition) {
        return new RowSweepJob(name, Kind.VALIDATE, Objects.requireNonNull(definition, "definition"), null);
    }

    /**
     * An update job: {@code definition} names the table and the change, in SQL
     * ({@code set}/{@code where}) or Java ({@code fix(RowFix)}).
     */
    public static RowSweepJob update(String name, UnaryOperator<Update> definition) {
        return new RowSweepJob(name, Kind.UPDATE, null, Objects.requireNonNull(definition, "definition"));
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    Validation define(Validation base) {
        return Objects.requireNonNull(validation.apply(base), () -> "the definition of job '" + name + "' returned null");
    }

    Update define(Update base) {
        return Objects.requireNonNull(update.apply(base), () -> "the definition of job '" + name + "' returned null");
    }

    @Override
    public String toString() {
        return kind.tag() + " job '" + name + "'";
    }
}
