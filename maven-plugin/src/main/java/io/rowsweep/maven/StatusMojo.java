package io.rowsweep.maven;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.core.SettingValues;
import io.rowsweep.core.SweepSettings;
import io.rowsweep.maven.internal.PluginSettings;
import io.rowsweep.maven.internal.StatusReport;
import org.apache.maven.plugins.annotations.Mojo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * {@code mvn rowsweep:status}: the jobs in the database, or with {@code job} one job's tables, chunks and failed chunks, read
 * from the job state tables ({@code rowsweep_job}, {@code rowsweep_chunk}) of the database, or of {@code state-url}. A
 * validation of a read-only target that kept its state in a local file is shown by the CLI's {@code rowsweep status}.
 */
@Mojo(name = "status", threadSafe = true, requiresProject = false)
public class StatusMojo extends AbstractRowSweepMojo {

    private static final List<Setting<?>> SETTINGS = List.of(SweepSettings.JOB, SweepSettings.STATE_SCHEMA, SweepSettings.STATE_URL);

    @Override
    String goal() {
        return "rowsweep:status";
    }

    @Override
    List<Setting<?>> goalSettings() {
        return SETTINGS;
    }

    @Override
    void execute(PluginSettings resolved) {
        SettingValues values = resolved.settingValues();
        String stateUrl = values.get(SweepSettings.STATE_URL);
        String url = stateUrl != null ? stateUrl : requireUrl(resolved, goal());
        Properties login = new Properties();
        if (stateUrl == null && resolved.text(PluginSettings.USER) != null) {
            login.setProperty("user", resolved.text(PluginSettings.USER));
        }
        if (stateUrl == null && resolved.text(PluginSettings.PASSWORD) != null) {
            login.setProperty("password", resolved.text(PluginSettings.PASSWORD));
        }
        String source = stateUrl != null ? resolved.source(SweepSettings.STATE_URL.name()) : resolved.source(PluginSettings.URL);
        try (Connection c = DriverManager.getConnection(url, login)) {
            StatusReport reader = new StatusReport(values.get(SweepSettings.STATE_SCHEMA));
            reader.report(c, values.get(SweepSettings.JOB)).forEach(getLog()::info);
        } catch (SQLException e) {
            throw new RowSweepException(io.rowsweep.core.ErrorCode.CONNECTION, "Cannot read the job state through the JDBC URL of "
                    + source + ": " + e.getMessage() + ". Check the URL, user and password.", e);
        }
    }
}
