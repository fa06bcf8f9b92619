package io.rowsweep.distributed.internal;

import io.rowsweep.core.spi.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * db-scheduler's table of executions, {@code rowsweep_scheduled_tasks} in the job state's
 * schema: db-scheduler's own layout (its {@code *_tables.sql}), with wider name columns for
 * rowsweep's task names, which carry the job's name. db-scheduler reads and writes it; rowsweep
 * creates it, deletes the executions of runs that were replaced, and counts who runs what.
 */
final class SchedulerTable {

    static final String NAME = "rowsweep_scheduled_tasks";

    private SchedulerTable() {
    }

    static String qualified(Dialect dialect, String schema) {
        return schema == null ? NAME : dialect.quote(schema) + "." + NAME;
    }

    static void ensure(Connection c, Dialect dialect, String schema) throws SQLException {
        String table = qualified(dialect, schema);
        boolean mysqlFamily = dialect.name().equals("MariaDB") || dialect.name().equals("MySQL");
        String time = mysqlFamily ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
        String bytes = dialect.name().equals("PostgreSQL") ? "BYTEA" : "BLOB";
        String columns = "task_name VARCHAR(250) NOT NULL, task_instance VARCHAR(300) NOT NULL, task_data " + bytes + ","
                + " execution_time " + time + " NOT NULL, picked BOOLEAN NOT NULL, picked_by VARCHAR(200),"
                + " last_success " + time + ", last_failure " + time + ", consecutive_failures INT,"
                + " last_heartbeat " + time + ", version BIGINT NOT NULL, priority SMALLINT,"
                + " PRIMARY KEY (task_name, task_instance)";
        try (Statement s = c.createStatement()) {
            if (mysqlFamily) {
                // MySQL has no CREATE INDEX IF NOT EXISTS: indexes come with the table.
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ", INDEX " + NAME + "_execution_time_idx (execution_time),"
                        + " INDEX " + NAME + "_last_heartbeat_idx (last_heartbeat))");
            } else {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
                s.execute("CREATE INDEX IF NOT EXISTS " + NAME + "_execution_time_idx ON " + table + " (execution_time)");
                s.execute("CREATE INDEX IF NOT EXISTS " + NAME + "_last_heartbeat_idx ON " + table + " (last_heartbeat)");
            }
        }
    }

    /** Deletes every execution of these tasks, picked or not (the tasks of a run that was replaced). */
    static int deleteTasks(Connection c, Dialect dialect, String schema, List<String> taskNames) throws SQLException {
        if (taskNames.isEmpty()) {
            return 0;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(taskNames.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualified(dialect, schema) + " WHERE task_name IN (" + marks + ")")) {
            for (int i = 0; i < taskNames.size(); i++) {
                ps.setString(i + 1, taskNames.get(i));
            }
            return ps.executeUpdate();
        }
    }

    /** Per scheduler name (worker id), how many executions of {@code task} it has picked. */
    static Map<String, Long> pickedBy(Connection c, Dialect dialect, String schema, String task) throws SQLException {
        Map<String, Long> picked = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT picked_by, count(*) FROM " + qualified(dialect, schema)
                + " WHERE task_name = ? AND picked = ? GROUP BY picked_by")) {
            ps.setString(1, task);
            ps.setBoolean(2, true);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    picked.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return picked;
    }
}
