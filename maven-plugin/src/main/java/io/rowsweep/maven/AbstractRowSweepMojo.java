package io.rowsweep.maven;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.maven.internal.PluginSettings;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the goals share: the connection, the settings by the CLI's names from their four places, and one clear line when
 * something is wrong.
 */
public abstract class AbstractRowSweepMojo extends AbstractMojo {

    /** JDBC URL of the database; also {@code -Drowsweep.url}, {@code ROWSWEEP_URL} or {@code url=} in rowsweep.properties. */
    @Parameter
    String url;

    /** Database user; also {@code -Drowsweep.user}, {@code ROWSWEEP_USER} or {@code user=}. Default: the driver's (e.g. from the URL). */
    @Parameter
    String user;

    /**
     * Database password; also {@code -Drowsweep.password}, {@code ROWSWEEP_PASSWORD} or {@code password=}. Prefer the environment
     * or the file to the pom. Never logged.
     */
    @Parameter
    String password;

    /**
     * Any other setting, by the CLI flag's name: {@code <settings><chunk-time>2s</chunk-time></settings>}; the
     * settings of a goal are listed in docs/BUILD-AND-TEST.md and by the CLI's {@code --help}.
     */
    @Parameter
    Map<String, String> settings;

    /** The properties file, as the CLI's {@code --config}. Default: {@code rowsweep.properties} in the project's directory, if any. */
    @Parameter(property = "rowsweep.config")
    File configFile;

    /** Skips the goal. */
    @Parameter(property = "rowsweep.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    File basedir;

    /** The plugin's own parameters that {@code -Drowsweep.NAME} may set besides the settings. */
    static final Set<String> PLUGIN_PARAMETERS = Set.of("config", "skip", "fail-on-invalid-rows");

    /** The goal's name in messages, e.g. {@code rowsweep:validate}. */
    abstract String goal();

    /** The goal's settings besides the connection's. */
    abstract List<Setting<?>> goalSettings();

    /** Runs the goal with its resolved settings; a {@link RowSweepException} becomes the build's one-line error. */
    abstract void execute(PluginSettings resolved) throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info(goal() + " skipped (rowsweep.skip)");
            return;
        }
        try {
            execute(resolve());
        } catch (RowSweepException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private PluginSettings resolve() {
        Map<String, String> configured = new HashMap<>(settings == null ? Map.of() : settings);
        putIfGiven(configured, PluginSettings.URL, url);
        putIfGiven(configured, PluginSettings.USER, user);
        putIfGiven(configured, PluginSettings.PASSWORD, password);
        Map<String, String> commandLine = new HashMap<>();
        session.getUserProperties().forEach((k, v) -> commandLine.put(String.valueOf(k), String.valueOf(v)));
        Path file = configFile != null ? configFile.toPath() : basedir.toPath().resolve(PluginSettings.DEFAULT_FILE);
        return PluginSettings.resolve(goalSettings(), commandLine, PLUGIN_PARAMETERS, configured, System.getenv(), file,
                configFile != null);
    }

    private static void putIfGiven(Map<String, String> configured, String key, String value) {
        if (value != null) {
            configured.put(key, value);
        }
    }

    /** The URL, or a usage error saying where to give it. */
    static String requireUrl(PluginSettings resolved, String goal) {
        String url = resolved.text(PluginSettings.URL);
        if (url == null) {
            throw RowSweepException.usage(goal + " needs the database's JDBC URL: <url> in the plugin's configuration, -Drowsweep.url,"
                    + " ROWSWEEP_URL or url= in rowsweep.properties.");
        }
        return url;
    }
}
