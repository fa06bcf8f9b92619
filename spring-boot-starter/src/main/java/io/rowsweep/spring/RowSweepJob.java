package io.rowsweep.spring;

import io.rowsweep.core.SweepSettings;
import io.rowsweep.update.Update;
import io.rowsweep.validation.Validation;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
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
 *
 * <p>A job may take {@link JobParameters parameters} at each start (from the console's form, the
 * endpoint, or {@link RowSweepJobs#start(String, java.util.Map)}); its definition then also
 * receives their values, checked against their types:
 *
 * <pre>{@code
 * @Bean
 * RowSweepJob restock() {
 *     return RowSweepJob.update("restock", params(integer("units").defaultValue(1)),
 *             (u, p) -> u.table("product").fix(row -> row.set("stock", row.getInt("stock") + p.getInt("units"))));
 * }
 * }</pre>
 *
 * The values are part of the job's spec in the job state: a run started with other values is
 * another job, so an unfinished run resumes only with the values it was started with.
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
    private final JobParameters parameters;
    private final BiFunction<Validation, JobParameterValues, Validation> validation;
    private final BiFunction<Update, JobParameterValues, Update> update;

    private RowSweepJob(String name, Kind kind, JobParameters parameters, BiFunction<Validation, JobParameterValues, Validation> validation,
                        BiFunction<Update, JobParameterValues, Update> update) {
        this.name = SweepSettings.JOB.check(Objects.requireNonNull(name, "name"), "a job's name");
        this.kind = kind;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
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
        Objects.requireNonNull(definition, "definition");
        return new RowSweepJob(name, Kind.VALIDATE, JobParameters.none(), (v, p) -> definition.apply(v), null);
    }

    /** A validate job that takes {@code parameters} at each start; {@code definition} receives their values. */
    public static RowSweepJob validate(String name, JobParameters parameters,
                                       BiFunction<Validation, JobParameterValues, Validation> definition) {
        return new RowSweepJob(name, Kind.VALIDATE, parameters, Objects.requireNonNull(definition, "definition"), null);
    }

    /**
     * An update job: {@code definition} names the table and the change, in SQL
     * ({@code set}/{@code where}) or Java ({@code fix(RowFix)}).
     */
    public static RowSweepJob update(String name, UnaryOperator<Update> definition) {
        Objects.requireNonNull(definition, "definition");
        return new RowSweepJob(name, Kind.UPDATE, JobParameters.none(), null, (u, p) -> definition.apply(u));
    }

    /**
     * An update job that takes {@code parameters} at each start; {@code definition} receives their
     * values. They are part of the update's identity: an update that completed with some values is
     * not applied again with them, nor taken for the same update with others.
     */
    public static RowSweepJob update(String name, JobParameters parameters, BiFunction<Update, JobParameterValues, Update> definition) {
        return new RowSweepJob(name, Kind.UPDATE, parameters, null, Objects.requireNonNull(definition, "definition"));
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The parameters it takes at each start; none unless declared. */
    public JobParameters parameters() {
        return parameters;
    }

    Validation define(Validation base, JobParameterValues values) {
        return Objects.requireNonNull(validation.apply(base, values), () -> "the definition of job '" + name + "' returned null");
    }

    Update define(Update base, JobParameterValues values) {
        return Objects.requireNonNull(update.apply(base, values), () -> "the definition of job '" + name + "' returned null");
    }

    @Override
    public String toString() {
        return kind.tag() + " job '" + name + "'";
    }
}
