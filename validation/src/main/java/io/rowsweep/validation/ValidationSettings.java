package io.rowsweep.validation;

import io.rowsweep.core.Setting;

import java.util.List;

/**
 * The settings of the validate job, besides the engine's ({@link io.rowsweep.core.SweepSettings}).
 * Each has the same name as a {@link Validation} method, a CLI flag ({@code --rules}) and an
 * environment variable ({@code ROWSWEEP_RULES}).
 */
public final class ValidationSettings {

    /** Default: none. */
    public static final Setting<String> RULES = Setting.string("rules", null,
            "YAML rules file naming Bean Validation constraints per table and column (instead of entity classes). Default: none.");

    /** Default: none (rowsweep's own class path). */
    public static final Setting<String> CLASSPATH = Setting.string("classpath", null,
            "Where the entity classes are: jars, folders and dir/* wildcards separated by ':', like java -cp. Default: rowsweep's own class path.");

    /** Default: none. */
    public static final Setting<String> ENTITIES = Setting.string("entities", null,
            "Entity classes to validate, or packages to scan for @Entity classes, separated by ','. Default: none.");

    /** Default: none, the Default group. */
    public static final Setting<String> GROUPS = Setting.string("groups", null,
            "Bean Validation groups to validate (class names, separated by ','). Default: jakarta.validation.groups.Default.");

    /** Default: spring. */
    public static final Setting<String> NAMING = Setting.string("naming", "spring",
            "How entity and field names become table and column names: spring (Spring Boot's: CamelCaseToUnderscoresNamingStrategy"
                    + " and Spring's implicit naming), jpa (Hibernate's defaults: names as written), or the class name of a"
                    + " Hibernate PhysicalNamingStrategy on the class path. Default: spring.");

    /** Default: none. */
    public static final Setting<String> MESSAGES = Setting.string("messages", null,
            "The application's message bundles that constraint messages ({telephone.invalid}) are looked up in, before"
                    + " ValidationMessages, e.g. messages for Spring's messages.properties (base names, separated by ','). Default: none.");

    /** Default: none. */
    public static final Setting<String> EXCLUDE = Setting.string("exclude", null,
            "Entities (class or entity names) or tables not to validate, separated by ','. Default: none.");

    /** Default: every mapped table (entities) or every table of the rules file. */
    public static final Setting<String> TABLES = Setting.string("tables", null,
            "Validate only these tables (separated by ','). Default: every table the entities map or the rules file names.");

    /** Default: {@code violations.jsonl}, or {@code violations.csv} with format csv. */
    public static final Setting<String> OUT = Setting.string("out", null,
            "File the violations are written to (replaced by a new run, continued by a resumed one; with --distributed, written"
                    + " from the violations table when the run ends). Default: violations.jsonl (violations.csv with --format csv).");

    /** Default: jsonl. */
    public static final Setting<ViolationFormat> FORMAT = Setting.choice("format", ViolationFormat.class, ViolationFormat.JSONL,
            "Format of the violations file: jsonl (one JSON object per line) or csv. Default: jsonl.");

    /** Every validate setting, in the order help texts list them. */
    public static final List<Setting<?>> ALL = List.of(RULES, CLASSPATH, ENTITIES, GROUPS, NAMING, MESSAGES, TABLES, EXCLUDE, OUT, FORMAT);

    private ValidationSettings() {
    }
}
