package io.rowsweep.validation;

import io.rowsweep.core.ProgressListener;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunSummary;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepOptions;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.core.TableSummary;
import io.rowsweep.core.internal.exec.ParameterizedJob;
import io.rowsweep.core.internal.exec.SweepEngine;
import io.rowsweep.jpa.EntityClasses;
import io.rowsweep.validation.internal.JobPlanner;
import io.rowsweep.validation.internal.RulesFile;
import io.rowsweep.validation.internal.ValidateJob;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates every row of a database's tables against the application's own rules, in parallel
 * key-range chunks, resumably, and writes each violation to a file.
 *
 * <pre>{@code
 * ValidationSummary summary = Validation.of(dataSource)
 *         .entities(Post.class, Article.class)      // or .rules(Path.of("rules.yaml"))
 *         .workers(4)
 *         .violationsTo(Path.of("violations.jsonl"))
 *         .run();
 * System.exit(summary.exitCode());
 * }</pre>
 *
 * <p>Rules come from exactly one source: entity classes (JPA mapping + Bean Validation
 * constraints, validated with Hibernate Validator) or a YAML rules file. Every method checks its
 * arguments at once, and throws {@link RowSweepException} naming what is wrong; problems that
 * need the database (a missing table or column) are reported by {@link #run()} before anything is
 * written. Every setting is also reachable by name ({@link #with(Setting, Object)},
 * {@link #withText(Setting, String)}), with the names of {@link SweepSettings} and
 * {@link ValidationSettings} — the CLI's flags.
 *
 * <p>A {@code Validation} is immutable: each method returns a changed copy (use what it returns),
 * so one can be shared, reused and run again; {@link #requestStop()} may be called from any
 * thread and stops the runs of this instance.
 *
 * <p>{@link #distributed distributed(true)} shares the run with other processes that join it
 * ({@code rowsweep worker --job NAME}): violations then go to the {@code rowsweep_violation} table
 * beside the job state, each chunk's in the chunk's own transaction, and the violations file is
 * exported from it when the run ends (see {@link ViolationExport}).
 */
public final class Validation extends SweepOptions<Validation> {

    private final DataSource dataSource;
    private final SettingValues settings;
    /** The entities, when they are the rules' source; loaded when given, so a bad class path fails at once. */
    private final EntityClasses entities;
    /** The rules file, when it is the rules' source; read when given. */
    private final RulesFile rules;
    private final Class<?>[] groups;
    private final List<ProgressListener> listeners;
    private final Clock clock;
    /** The parameters it was started with (a declared job's), part of its spec; empty for none. */
    private final Map<String, String> parameters;
    /** The engines of this instance's runs in progress, for {@link #requestStop()}. */
    private final Set<SweepEngine> running = ConcurrentHashMap.newKeySet();

    private Validation(DataSource dataSource, SettingValues settings, EntityClasses entities, RulesFile rules, Class<?>[] groups,
                       List<ProgressListener> listeners, Clock clock, Map<String, String> parameters) {
        this.parameters = parameters;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = settings;
        this.entities = entities;
        this.rules = rules;
        this.groups = groups;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** A validation of the database behind {@code dataSource}; its pool needs one connection per worker plus one. */
    public static Validation of(DataSource dataSource) {
        return new Validation(dataSource, SettingValues.defaults(), null, null, new Class<?>[0], List.of(), Clock.systemUTC(), Map.of());
    }

    private Validation with(SettingValues settings, EntityClasses entities, RulesFile rules, Class<?>[] groups) {
        return new Validation(dataSource, settings, entities, rules, groups, listeners, clock, parameters);
    }

    /** Validates these entity classes (already loaded) and their tables. */
    public Validation entities(Class<?>... classes) {
        EntityClasses loaded = EntityClasses.of(Arrays.asList(classes));
        return with(settings.with(ValidationSettings.CLASSPATH, null).with(ValidationSettings.ENTITIES, null), loaded, rules, groups)
                .resolveGroups();
    }

    /**
     * Validates entity classes loaded from a class path, in a class loader of their own.
     *
     * @param classpath         jars, folders and {@code dir/*} wildcards separated by ':' (like {@code java -cp}); null for rowsweep's own
     * @param packagesOrClasses class names, or packages to scan for {@code @Entity} classes
     */
    public Validation entities(String classpath, String... packagesOrClasses) {
        return with(settings.with(ValidationSettings.CLASSPATH, classpath == null || classpath.isBlank() ? null : classpath)
                .with(ValidationSettings.ENTITIES, String.join(",", packagesOrClasses)), entities, rules, groups).loadEntities();
    }

    /** Validates with a YAML rules file instead of entity classes; read and checked now. */
    public Validation rules(Path rulesFile) {
        return with(ValidationSettings.RULES, rulesFile.toString());
    }

    /**
     * How entity and field names become table and column names. Default: {@code spring}, Spring
     * Boot's ({@code CamelCaseToUnderscoresNamingStrategy} and Spring's implicit naming); {@code jpa}
     * for Hibernate's defaults (names as written), or the class name of a Hibernate
     * {@code PhysicalNamingStrategy} on the entities' class path.
     */
    public Validation naming(String naming) {
        return with(ValidationSettings.NAMING, naming);
    }

    /**
     * The application's message bundles (base names, e.g. {@code messages} for Spring's
     * {@code messages.properties}), looked up before {@code ValidationMessages} for constraint
     * messages such as {@code {telephone.invalid}}. Default: none.
     */
    public Validation messages(String... bundles) {
        return with(ValidationSettings.MESSAGES, bundles.length == 0 ? null : String.join(",", bundles));
    }

    /** Entities (class or entity names) or tables not to validate. Default: none. */
    public Validation exclude(String... entitiesOrTables) {
        return with(ValidationSettings.EXCLUDE, entitiesOrTables.length == 0 ? null : String.join(",", entitiesOrTables));
    }

    /** Validates only these tables. Default: every table the entities map or the rules file names. */
    public Validation tables(String... tables) {
        return with(ValidationSettings.TABLES, tables.length == 0 ? null : String.join(",", tables));
    }

    /** Bean Validation groups to validate (entity mode). Default: {@code jakarta.validation.groups.Default}. */
    public Validation groups(Class<?>... groups) {
        return with(settings.with(ValidationSettings.GROUPS, null), entities, rules, groups.clone());
    }

    /** Bean Validation groups by class name, loaded with the entities' class loader. */
    public Validation groups(String... groupClassNames) {
        return with(ValidationSettings.GROUPS, groupClassNames.length == 0 ? null : String.join(",", groupClassNames));
    }

    /** The violations file. Default: {@code violations.jsonl} ({@code violations.csv} with CSV) in the working directory. */
    public Validation violationsTo(Path file) {
        return with(ValidationSettings.OUT, file.toString());
    }

    /** The violations file's format. Default: {@link ViolationFormat#JSONL}. */
    public Validation format(ViolationFormat format) {
        return with(ValidationSettings.FORMAT, format);
    }

    /** Receives progress events; may be called several times, each listener added to the others. */
    public Validation listener(ProgressListener listener) {
        List<ProgressListener> more = new ArrayList<>(listeners);
        more.add(Objects.requireNonNull(listener, "listener"));
        return new Validation(dataSource, settings, entities, rules, groups, more, clock, parameters);
    }

    /**
     * The parameters this run is started with, by name, as text (an application's declared job's,
     * given at its start): they become part of the validation's spec, so resuming an unfinished run
     * with other values is refused, and the run history shows them. Default: none.
     */
    public Validation parameters(Map<String, String> values) {
        return new Validation(dataSource, settings, entities, rules, groups, listeners, clock,
                Map.copyOf(Objects.requireNonNull(values, "parameters")));
    }

    /** The clock progress and job state use. Default: the system UTC clock. */
    public Validation clock(Clock clock) {
        return new Validation(dataSource, settings, entities, rules, groups, listeners, Objects.requireNonNull(clock, "clock"), parameters);
    }

    /**
     * Sets any engine or validate setting ({@link SweepSettings#ALL}, {@link ValidationSettings#ALL}),
     * checked now; null resets it to its default. Setting {@code rules}, {@code entities} or
     * {@code classpath} reads the rules or loads the entities at once.
     */
    @Override
    public <T> Validation with(Setting<T> setting, T value) {
        if (!SweepSettings.ALL.contains(setting) && !ValidationSettings.ALL.contains(setting)) {
            throw RowSweepException.usage("'" + setting.name() + "' is not a setting of validate.");
        }
        SettingValues next = settings.with(setting, value);
        if (setting == ValidationSettings.RULES) {
            return with(next, entities, value == null ? null : RulesFile.read(Paths.get((String) value)), groups);
        }
        Validation changed = with(next, entities, rules, groups);
        if (setting == ValidationSettings.ENTITIES || setting == ValidationSettings.CLASSPATH) {
            return changed.loadEntities();
        }
        return setting == ValidationSettings.GROUPS ? changed.resolveGroups() : changed;
    }

    /** Sets every value given explicitly in {@code values} (the CLI's flags, environment and properties, merged). */
    @Override
    public Validation with(SettingValues values) {
        Map<Setting<?>, Object> explicit = new LinkedHashMap<>(values.explicit());
        if (explicit.get(ValidationSettings.RULES) != null && explicit.get(ValidationSettings.ENTITIES) != null) {
            // said before either is read, so the conflict is reported rather than whichever of them fails to load first
            throw bothRuleSources();
        }
        // Where the classes come from before which classes, so they load once, from the right place.
        Object classpath = explicit.remove(ValidationSettings.CLASSPATH);
        Validation v = this;
        if (classpath != null) {
            v = v.with(v.settings.with(ValidationSettings.CLASSPATH, (String) classpath), v.entities, v.rules, v.groups);
        }
        Object groupNames = explicit.remove(ValidationSettings.GROUPS);
        for (Map.Entry<Setting<?>, Object> e : explicit.entrySet()) {
            v = v.withRaw(e.getKey(), e.getValue());
        }
        if (classpath != null && !explicit.containsKey(ValidationSettings.ENTITIES)) {
            v = v.loadEntities();
        }
        if (groupNames != null) {
            v = v.with(ValidationSettings.GROUPS, (String) groupNames);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private <T> Validation withRaw(Setting<T> setting, Object value) {
        return with(setting, (T) value);
    }

    @Override
    public SettingValues settings() {
        return settings;
    }

    /**
     * Runs the validation: checks the configuration against the database (before anything is
     * written), then validates every row and writes the violations.
     *
     * @return what was found; {@link ValidationSummary#exitCode()} gives the process exit code
     * @throws RowSweepException for usage, configuration and connection problems (exit code 2), or when the run cannot record its outcome
     */
    public ValidationSummary run() {
        Path out = outPath();
        ValidateJob job = plan(out);
        SweepEngine e = new SweepEngine(dataSource, settings, listeners, clock);
        running.add(e);
        try {
            RunSummary summary = e.run(ParameterizedJob.of(job, parameters));
            if (job.out() == null) {
                ViolationExport.of(dataSource).job(summary.job()).stateSchema(settings.get(SweepSettings.STATE_SCHEMA))
                        .format(settings.get(ValidationSettings.FORMAT)).to(out);
            }
            return summarize(job, summary, out);
        } finally {
            running.remove(e);
        }
    }

    /**
     * Asks a running validation to stop: chunks in progress finish (a second call aborts them),
     * the job's state is saved, and running the same validation again resumes it. Does nothing
     * when not running.
     */
    public void requestStop() {
        running.forEach(SweepEngine::requestStop);
    }

    /** The violations file: written as the run goes, or in distributed mode exported from the violations table at the end. */
    private Path outPath() {
        String out = settings.get(ValidationSettings.OUT);
        Path path = Paths.get(out != null ? out : "violations." + settings.get(ValidationSettings.FORMAT).extension());
        JobPlanner.checkWritable(path);
        return path;
    }

    private ValidateJob plan(Path out) {
        if (entities == null && rules == null) {
            throw RowSweepException.usage("Nothing to validate against: give entity classes (--classpath and --entities) or a rules"
                    + " file (--rules).");
        }
        if (entities != null && rules != null) {
            throw bothRuleSources();
        }
        List<String> only = list(ValidationSettings.TABLES);
        ViolationFormat format = settings.get(ValidationSettings.FORMAT);
        // Distributed: chunks run in many processes, which write violations to a table beside the job state.
        Path path = settings.get(SweepSettings.DISTRIBUTED) ? null : out;
        return rules != null ? JobPlanner.forRules(dataSource, rules, only, path, format)
                : JobPlanner.forEntities(dataSource, entities, new JobPlanner.EntityOptions(settings.get(ValidationSettings.CLASSPATH),
                groups, settings.get(ValidationSettings.NAMING), list(ValidationSettings.MESSAGES), list(ValidationSettings.EXCLUDE)),
                only, path, format);
    }

    /** A setting's comma-separated names, none when unset. */
    private List<String> list(Setting<String> setting) {
        String names = settings.get(setting);
        return names == null ? List.of() : Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static RowSweepException bothRuleSources() {
        return RowSweepException.usage("Both entities and a rules file were given (--entities and --rules); validate with one"
                + " of them at a time.");
    }

    private ValidationSummary summarize(ValidateJob job, RunSummary run, Path out) {
        String stateSchema = settings.get(SweepSettings.STATE_SCHEMA);
        Map<String, Map<String, Long>> counts = job.countViolations(dataSource, run.job(), stateSchema);
        Map<String, long[]> byTable = new LinkedHashMap<>();
        job.tables().forEach(t -> byTable.put(t, new long[4]));
        for (TableSummary t : run.tables()) {
            String table = job.tableOf(t.table());
            long[] totals = byTable.computeIfAbsent(table, k -> new long[4]);
            boolean rowTask = t.table().equals(table);
            totals[0] = rowTask ? t.rows() : Math.max(totals[0], t.rows());
            totals[1] += t.affected();
            totals[2] += t.problems();
            totals[3] += t.affected() > 0 ? 1 : 0;
        }
        // A row found by several checks (a row rule and a uniqueness check) is one invalid row: count those tables' rows once.
        Set<String> overlapping = new HashSet<>();
        byTable.forEach((table, totals) -> {
            if (totals[3] > 1) {
                overlapping.add(table);
            }
        });
        Map<String, Long> distinct = overlapping.isEmpty() ? Map.of() : job.distinctInvalidRows(dataSource, run.job(), stateSchema, overlapping);
        List<TableValidation> tables = new ArrayList<>();
        byTable.forEach((table, totals) -> tables.add(new TableValidation(table, totals[0],
                overlapping.contains(table) ? distinct.getOrDefault(table, totals[1]) : totals[1], totals[2],
                counts.getOrDefault(table, Map.of()))));
        return new ValidationSummary(run, tables, out.toAbsolutePath().normalize(), job.coverage());
    }

    private Validation loadEntities() {
        String names = settings.get(ValidationSettings.ENTITIES);
        if (names == null) {
            return this;
        }
        EntityClasses loaded = EntityClasses.load(settings.get(ValidationSettings.CLASSPATH), Arrays.stream(names.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList()));
        return with(settings, loaded, rules, groups).resolveGroups();
    }

    private Validation resolveGroups() {
        String names = settings.get(ValidationSettings.GROUPS);
        if (names != null && entities != null) { // else resolved once the entities (and their class loader) are known
            return with(settings, entities, rules, JobPlanner.groups(names, entities.classLoader()));
        }
        return this;
    }
}
