package io.rowsweep.core.internal.throttle;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * PostgreSQL: the other client sessions in {@code pg_stat_activity} (running, recently active,
 * waiting on a lock one of rowsweep's sessions holds: {@code pg_blocking_pids}), the primary's
 * write-ahead log position, and each streaming replica's replayed position from
 * {@code pg_stat_replication} (physical replicas: logical decoding clients are left out), from which
 * {@link ReplicaLag} tells each replica's lag in time.
 */
final class PostgresLoadProbe implements LoadProbe {

    private static final String SESSIONS = "SELECT count(*) FILTER (WHERE state = 'active'),"
            + " count(*) FILTER (WHERE state <> 'idle' OR query_start > clock_timestamp() - interval '100 milliseconds'),"
            + " count(*) FILTER (WHERE wait_event_type = 'Lock' AND pg_blocking_pids(pid) && ?::int4[]),"
            + " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() - '0/0'::pg_lsn END"
            + " FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND NOT (pid = ANY(?::int4[]))";
    private static final String REPLICAS = "SELECT coalesce(nullif(application_name, ''), 'replica') || '@'"
            + " || coalesce(host(client_addr), 'local') || ':' || coalesce(client_port, 0), replay_lsn - '0/0'::pg_lsn"
            + " FROM pg_stat_replication WHERE pid NOT IN"
            // Logical decoding (a subscription, a change-data-capture client such as Debezium) confirms its position at
            // its own pace, seconds apart when it has nothing to send: its "lag" would pause runs no reader waits on.
            + " (SELECT active_pid FROM pg_replication_slots WHERE slot_type = 'logical' AND active_pid IS NOT NULL) ORDER BY 1";

    @Override
    public LoadSample sample(Connection c, Collection<Long> ours) throws SQLException {
        Integer[] pids = ours.stream().map(Long::intValue).toArray(Integer[]::new);
        Array ourPids = c.createArrayOf("int4", pids);
        int running;
        int recent;
        int blocked;
        long wal;
        try (PreparedStatement ps = c.prepareStatement(SESSIONS)) {
            ps.setArray(1, ourPids);
            ps.setArray(2, ourPids);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                running = rs.getInt(1);
                recent = rs.getInt(2);
                blocked = rs.getInt(3);
                wal = rs.getLong(4);
                if (rs.wasNull()) {
                    wal = -1;
                }
            }
        } finally {
            ourPids.free();
        }
        List<LoadSample.ReplicaPosition> replicas = new ArrayList<>();
        if (wal >= 0) {
            try (PreparedStatement ps = c.prepareStatement(REPLICAS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long replayed = rs.getLong(2);
                    replicas.add(new LoadSample.ReplicaPosition(rs.getString(1), rs.wasNull() ? -1 : replayed));
                }
            }
        }
        return new LoadSample(true, running, recent, blocked, wal, replicas);
    }
}
