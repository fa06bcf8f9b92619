package io.rowsweep.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import io.rowsweep.RowSweep;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.RunStatus;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.maven.internal.PluginSettings;
import io.rowsweep.validation.TableValidation;
import io.rowsweep.validation.Validation;
import io.rowsweep.validation.ValidationSettings;
import io.rowsweep.validation.ValidationSummary;
import io.rowsweep.validation.ViolationFormat;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mvn rowsweep:validate}: checks every row of the database against the project's entity classes (JPA mapping and Bean
 * Validation constraints) or a rules file, as {@code rowsweep validate} does, with the project's runtime class path: no
 * {@code classpath} to give. Without {@code entities}, every {@code @Entity} class of the project's own classes is validated.
 * Invalid rows fail the build (unless {@code failOnInvalidRows} is false), after the first of them are listed; all are in
 * the violations file. Runs the build up to {@code process-classes} first, so the classes are there.
 */
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ValidateMojo extends AbstractRowSweepMojo {

    /** Violations listed in the build's log; the file has them all. */
    static final int LISTED = 20;

    private static final List<Setting<?>> SETTINGS = concat(ValidationSettings.ALL, SweepSettings.ALL);

    /** Whether invalid rows fail the build. */
    @Parameter(property = "rowsweep.fail-on-invalid-rows", defaultValue = "true")
    boolean failOnInvalidRows;

    /** The violations file when {@code out} is not given. */
    @Parameter(defaultValue = "${project.build.directory}/rowsweep/violations", readonly = true)
    File defaultOut;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    String goal() {
        return "rowsweep:validate";
    }

    @Override
    List<Setting<?>> goalSettings() {
        return SETTINGS;
    }

    @Override
    void execute(PluginSettings resolved) throws MojoExecutionException, MojoFailureException {
        SettingValues values = withProjectDefaults(resolved.settingValues());
        try (HikariDataSource pool = new HikariDataSource()) { // the pool starts at the first connection: after the checks below
            pool.setPoolName("rowsweep");
            pool.setJdbcUrl(requireUrl(resolved, goal()));
            pool.setUsername(resolved.text(PluginSettings.USER));
            pool.setPassword(resolved.text(PluginSettings.PASSWORD));
            pool.setMinimumIdle(0);
            pool.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
            Validation validation = RowSweep.validate(pool).with(values);
            // one connection per worker, one the run holds, and room for its heartbeat and probes (as the CLI's pool)
            pool.setMaximumPoolSize(validation.settings().get(SweepSettings.WORKERS) + 3);
            ValidationSummary summary = validation.run();
            report(summary, validation.settings().get(ValidationSettings.FORMAT));
            RunStatus status = summary.run().status();
            if (status != RunStatus.DONE && status != RunStatus.ALREADY_DONE) {
                throw new MojoFailureException("The validation " + status.name().toLowerCase() + " (job '" + summary.run().job()
                        + "'): run mvn rowsweep:validate again to resume it, mvn rowsweep:status -Drowsweep.job=" + summary.run().job()
                        + " shows its failed chunks.");
            }
            if (summary.invalidRows() > 0 && failOnInvalidRows) {
                throw new MojoFailureException(summary.invalidRows() + " invalid rows (" + summary.violationCount() + " violations),"
                        + " listed in " + summary.violations() + ".");
            }
        }
    }

    /** The project's runtime class path, its entity classes and a violations file under target/, unless given. */
    private SettingValues withProjectDefaults(SettingValues given) throws MojoExecutionException {
        SettingValues values = given;
        if (!values.isSet(ValidationSettings.CLASSPATH)) {
            values = values.with(ValidationSettings.CLASSPATH, String.join(File.pathSeparator, runtimeClasspath()));
        }
        if (!values.isSet(ValidationSettings.ENTITIES) && !values.isSet(ValidationSettings.RULES)) {
            values = values.with(ValidationSettings.ENTITIES, String.join(",", projectEntities()));
        }
        if (values.isSet(ValidationSettings.RULES)) {
            values = values.with(ValidationSettings.RULES, inProject(values.get(ValidationSettings.RULES)));
        }
        String out = values.isSet(ValidationSettings.OUT) ? inProject(values.get(ValidationSettings.OUT))
                : defaultOut + "." + values.get(ValidationSettings.FORMAT).extension();
        try {
            Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot create the folder of the violations file " + out + ": " + e.getMessage(), e);
        }
        return values.with(ValidationSettings.OUT, out);
    }

    private List<String> runtimeClasspath() throws MojoExecutionException {
        try {
            return project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's runtime class path is not resolved: " + e.getMessage(), e);
        }
    }

    /** The {@code @Entity} classes of the project's own classes (not its dependencies'), by name. */
    private List<String> projectEntities() {
        File classes = new File(project.getBuild().getOutputDirectory());
        List<String> names = new ArrayList<>();
        if (classes.isDirectory()) {
            try (ScanResult scan = new ClassGraph().overrideClasspath(classes).enableAnnotationInfo().scan()) {
                names.addAll(scan.getClassesWithAnnotation("jakarta.persistence.Entity").getNames());
            }
        }
        if (names.isEmpty()) {
            throw RowSweepException.usage("No @Entity classes in " + classes + ", and no rules file: name the entities (classes or"
                    + " packages, e.g. from a dependency) with <settings><entities>com.acme.model</entities></settings> or"
                    + " -Drowsweep.entities, or give <settings><rules>rules.yaml</rules></settings>.");
        }
        return names;
    }

    private String inProject(String path) {
        return basedir.toPath().resolve(path).toString();
    }

    /** Per table, then the first violations; the file has them all. */
    private void report(ValidationSummary summary, ViolationFormat format) {
        for (TableValidation t : summary.tables()) {
            getLog().info(String.format("%-30s %,12d rows checked  %,8d invalid", t.table(), t.rowsChecked(), t.invalidRows()));
        }
        getLog().info(String.format("%,d rows checked, %,d invalid rows, %,d violations: %s", summary.rowsChecked(),
                summary.invalidRows(), summary.violationCount(), summary.violations()));
        if (summary.violationCount() == 0 || summary.violations() == null || format != ViolationFormat.JSONL) {
            return; // a CSV record may span lines: the file is named above
        }
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(summary.violations(), StandardCharsets.UTF_8)) {
            String line;
            int listed = 0;
            while ((line = in.readLine()) != null && listed < LISTED) {
                JsonNode v = json.readTree(line);
                String where = v.hasNonNull("property") ? v.get("property").asText() : v.path("column").asText(); // rules: columns
                listed(v.path("table").asText() + " " + v.path("key") + " " + where + ": " + v.path("message").asText() + " ("
                        + v.path("constraint").asText() + ")");
                listed++;
            }
            if (summary.violationCount() > LISTED) {
                listed("... " + (summary.violationCount() - LISTED) + " more in " + summary.violations());
            }
        } catch (IOException e) {
            getLog().warn("Could not read the violations back from " + summary.violations() + ": " + e.getMessage());
        }
    }

    /** A listed violation: an error when invalid rows fail the build, else a warning. */
    private void listed(String line) {
        if (failOnInvalidRows) {
            getLog().error("  " + line);
        } else {
            getLog().warn("  " + line);
        }
    }

    private static List<Setting<?>> concat(List<Setting<?>> a, List<Setting<?>> b) {
        List<Setting<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
