package io.rowsweep.liquibase;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.QueuedRun;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.Setting;
import io.rowsweep.update.Update;
import io.rowsweep.update.UpdateSettings;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Liquibase {@code customChange} that queues a rowsweep update (a backfill) and returns at
 * once; workers of the job run it, and a later changeSet runs {@link EnsureBackfillFinished}
 * before it relies on the data.
 *
 * <pre>{@code
 * <changeSet id="2" author="me">
 *   <addColumn tableName="orders"><column name="total" type="DECIMAL(12,2)"/></addColumn>
 *   <customChange class="io.rowsweep.liquibase.QueueBackfill">
 *     <param name="job" value="orders-total"/>
 *     <param name="table" value="orders"/>
 *     <param name="set" value="total = net + tax"/>
 *     <param name="where" value="total IS NULL"/>
 *   </customChange>
 * </changeSet>
 * }</pre>
 *
 * <p>Properties ({@code <param>} elements in XML): {@code job} (required), {@code table} (required), {@code set} and {@code where}
 * (SQL mode) or {@code fix} (a {@code RowFix} class on the class path), {@code settings}: engine
 * settings the workers run with, by their CLI names
 * ({@code heartbeat-interval=2s, chunk-time=500ms}), and {@code url}, {@code user},
 * {@code password} for the one short connection that creates rowsweep's job tables if they are
 * missing (default: Liquibase's URL and user, the password from {@code ROWSWEEP_PASSWORD}).
 *
 * <p>The job is recorded on the changeSet's connection, in its transaction: it exists exactly when
 * the changeSet commits (with {@code runInTransaction="false"}, at once). Queueing reads no rows
 * but the key's first and last; its time does not grow with the table.
 */
public class QueueBackfill implements CustomTaskChange {

    private String job;
    private String table;
    private String set;
    private String where;
    private String fix;
    private String settings;
    private String url;
    private String user;
    private String password;
    private QueuedRun queued;

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection c = LiquibaseConnections.of(database);
        try (HikariDataSource own = LiquibaseConnections.pool(database, url, user, password, 1)) {
            Update update = Update.of(own).job(job).table(table).stateSchema(LiquibaseConnections.schema(c));
            if (set != null) {
                update = update.set(set);
            }
            if (where != null) {
                update = update.where(where);
            }
            if (fix != null) {
                update = update.fix(null, fix);
            }
            for (Map.Entry<Setting<?>, String> e : settings().entrySet()) {
                update = update.withText(e.getKey(), e.getValue());
            }
            queued = update.queue(c);
        } catch (RowSweepException | SQLException e) {
            throw new CustomChangeException("rowsweep could not queue job '" + job + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        if (queued == null) {
            return "rowsweep job '" + job + "' not queued";
        }
        return switch (queued.state()) {
            case QUEUED -> "rowsweep job '" + job + "' queued: workers run it (rowsweep worker --job " + job + ")";
            case RESUMED -> "rowsweep job '" + job + "' was unfinished: it goes on";
            case ALREADY_DONE -> "rowsweep job '" + job + "' had completed: not run again";
        };
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        errors.checkRequiredField("job", job);
        errors.checkRequiredField("table", table);
        if ((set == null) == (fix == null)) {
            errors.addError("give either set (SQL) or fix (a RowFix class), not " + (set == null ? "neither" : "both"));
        }
        try {
            settings().forEach((setting, text) -> setting.parse(text, "settings, " + setting.name()));
        } catch (RowSweepException e) {
            errors.addError(e.getMessage());
        }
        return errors;
    }

    /** The {@code settings} property ({@code name=value, ...}) by setting. */
    private Map<Setting<?>, String> settings() {
        Map<Setting<?>, String> parsed = new LinkedHashMap<>();
        if (settings == null || settings.isBlank()) {
            return parsed;
        }
        for (String pair : settings.split(",")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            Setting<?> setting = UpdateSettings.ALL_WITH_ENGINE.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> RowSweepException.usage("settings: '" + name + "' is not a setting of update; they are "
                            + UpdateSettings.ALL_WITH_ENGINE + "."));
            if (eq < 0) {
                throw RowSweepException.usage("settings: '" + name + "' has no value; write " + name + "=VALUE.");
            }
            parsed.put(setting, pair.substring(eq + 1).trim());
        }
        return parsed;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setSet(String set) {
        this.set = set;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    public void setFix(String fix) {
        this.fix = fix;
    }

    public void setSettings(String settings) {
        this.settings = settings;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
