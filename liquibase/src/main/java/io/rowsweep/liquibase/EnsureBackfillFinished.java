package io.rowsweep.liquibase;

import com.zaxxer.hikari.HikariDataSource;
import io.rowsweep.core.RowSweepException;
import io.rowsweep.distributed.Worker;
import io.rowsweep.distributed.WorkerSummary;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

import java.sql.SQLException;

/**
 * A Liquibase {@code customChange} for a changeSet that relies on a backfill that an earlier one
 * queued ({@link QueueBackfill}): returns at once when the job completed; otherwise runs its
 * remaining chunks here (the same exactly-once chunks as any worker) and returns when it
 * completed; fails the changeSet, saying why, when the job failed, was stopped, or does not exist.
 * Put it first in its changeSet, before the changes that need the data:
 *
 * <pre>{@code
 * <changeSet id="4" author="me">
 *   <customChange class="io.rowsweep.liquibase.EnsureBackfillFinished">
 *     <param name="job" value="orders-total"/>
 *   </customChange>
 *   <addNotNullConstraint tableName="orders" columnName="total" columnDataType="DECIMAL(12,2)"/>
 * </changeSet>
 * }</pre>
 *
 * <p>Properties ({@code <param>} elements in XML): {@code job} (required), {@code workers} (default 2), and {@code url},
 * {@code user}, {@code password} for the workers' connections (a pool of workers + 3; default:
 * Liquibase's URL and user, the password from {@code ROWSWEEP_PASSWORD}). Chunks held by a worker
 * that died are taken over after four of the run's heartbeat intervals (default 5 s: 20 s).
 */
public class EnsureBackfillFinished implements CustomTaskChange {

    private String job;
    private Integer workers = 2;
    private String url;
    private String user;
    private String password;
    private WorkerSummary summary;

    @Override
    public void execute(Database database) throws CustomChangeException {
        String schema;
        try {
            schema = LiquibaseConnections.schema(LiquibaseConnections.of(database));
        } catch (SQLException e) {
            throw new CustomChangeException("Reading the schema of Liquibase's connection failed: " + e.getMessage(), e);
        }
        try (HikariDataSource pool = LiquibaseConnections.pool(database, url, user, password, workers + 3)) {
            summary = Worker.join(pool).job(job).workers(workers).stateSchema(schema).ensureFinished();
        } catch (RowSweepException e) {
            throw new CustomChangeException(e.getMessage(), e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return summary == null ? "rowsweep job '" + job + "' not finished" : summary.describe();
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
        if (workers == null || workers < 1) {
            errors.addError("workers must be at least 1, not " + workers);
        }
        return errors;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public void setWorkers(Integer workers) {
        this.workers = workers;
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
