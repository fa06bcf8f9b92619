package io.rowsweep.core.internal.throttle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How far behind the primary each replica is, in time, measured with heartbeats rowsweep writes
 * itself (as gh-ost does), so no clock but rowsweep's own is trusted:
 *
 * <ul>
 *   <li>Replicas the primary lists with their replayed position (PostgreSQL streaming replicas): the
 *       primary's write-ahead log position is sampled with a timestamp ten times a second; a
 *       replica's lag is the age of the oldest position it has not replayed.</li>
 *   <li>Replicas reached through a connection (named with {@code replicas}, or MariaDB/MySQL replicas
 *       that report their address): the run's heartbeat row, which the latency guard writes ten
 *       times a second with rowsweep's clock, is read on the replica; its lag is how old the copy is.</li>
 * </ul>
 */
public final class ReplicaLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLag.class);
    /** How long a history of write-ahead log positions is kept; an older lag reads as at least this. */
    private static final long HISTORY_NANOS = 120_000_000_000L;
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    /** How far back a replica's replay rate is measured. */
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private final Deque<long[]> history = new ArrayDeque<>();
    /** Each listed replica's replayed positions over the last {@link #RATE_WINDOW_NANOS}: (nanos, position). */
    private final Map<String, Deque<long[]>> replayed = new LinkedHashMap<>();
    private final List<Watched> watched = new ArrayList<>();
    private final String heartbeatQuery;
    private final String job;
    private final long startedMillis;

    /** A replica read through a connection of its own. */
    private static final class Watched {
        final String name;
        final String url;
        final Properties credentials;
        Connection connection;
        boolean warned;
        /** The statement that shows its replication status, once one worked. */
        String statusStatement;
        boolean statusReadable = true;

        Watched(String name, String url, Properties credentials) {
            this.name = name;
            this.url = url;
            this.credentials = credentials;
        }
    }

    /**
     * @param heartbeatQuery the SELECT of the run's heartbeat ({@code heartbeat_at} of its row in the job table), one
     *                       parameter: the job name
     * @param startedMillis  when the run started, rowsweep's clock: the lag of a replica that has no heartbeat yet
     */
    public ReplicaLag(String heartbeatQuery, String job, long startedMillis) {
        this.heartbeatQuery = heartbeatQuery;
        this.job = job;
        this.startedMillis = startedMillis;
    }

    /** Also watches the replica at {@code url}, logging in with {@code credentials} where the URL carries none. */
    public void watch(String name, String url, Properties credentials) {
        watched.add(new Watched(name, url, credentials));
    }

    /** Whether any replica is watched through a connection. */
    public boolean watchesConnections() {
        return !watched.isEmpty();
    }

    /**
     * Each replica's lag in milliseconds now, by name: those {@code sample} lists (their positions
     * against the history of the primary's), and those watched through connections. A replica
     * whose lag cannot be read now is left out (warned about once).
     */
    public Map<String, Long> lags(LoadSample sample, long nowNanos, long nowMillis) {
        Map<String, Long> lags = new LinkedHashMap<>();
        if (sample.walPosition() >= 0) {
            history.addLast(new long[] {nowNanos, sample.walPosition()});
            while (history.size() > 1 && nowNanos - history.peekFirst()[0] > HISTORY_NANOS) {
                history.removeFirst();
            }
            for (LoadSample.ReplicaPosition r : sample.replicas()) {
                if (r.replayed() >= 0) {
                    long behind = positionLagMillis(r.replayed(), nowNanos);
                    lags.put(r.name(), Math.max(behind, backlogMillis(r.name(), r.replayed(), sample.walPosition(), nowNanos)));
                }
            }
        }
        for (Watched w : watched) {
            Long lag = heartbeatLag(w, nowMillis);
            if (lag != null) {
                lags.put(w.name, Math.max(lag, binlogBacklogMillis(w, sample.binlog(), nowNanos)));
            }
        }
        if (sample.walPosition() >= 0) {
            // A replica that reconnected is listed under a new name (its port): the old one's positions go.
            java.util.Set<String> present = new java.util.HashSet<>();
            sample.replicas().forEach(r -> present.add(r.name()));
            watched.forEach(w -> present.add(w.name));
            replayed.keySet().retainAll(present);
        }
        return lags;
    }

    /**
     * How long the replica will take to replay what the primary has written and it has not, at the rate it replayed the
     * last second: the lag the primary's newest write will have. A replica that receives more than it can replay (a slow
     * link, a slow disk) builds a queue whose age shows only later, once the oldest write in it has waited; its size
     * shows now, so the run slows down before the lag is there rather than after. 0 while it replays nothing.
     */
    private long backlogMillis(String replica, long replayedPosition, long primaryPosition, long nowNanos) {
        Deque<long[]> seen = replayed.computeIfAbsent(replica, n -> new ArrayDeque<>());
        seen.addLast(new long[] {nowNanos, replayedPosition});
        while (seen.size() > 2 && nowNanos - seen.peekFirst()[0] > RATE_WINDOW_NANOS) {
            seen.removeFirst();
        }
        long[] first = seen.peekFirst();
        long bytes = replayedPosition - first[1];
        long nanos = nowNanos - first[0];
        long backlog = primaryPosition - replayedPosition;
        if (bytes <= 0 || nanos <= 0 || backlog <= 0) {
            return 0;
        }
        return (long) (backlog * (nanos / 1e6) / bytes);
    }

    /**
     * {@link #backlogMillis} for a MariaDB/MySQL replica: the primary's binary log position against the position the
     * replica has executed to, while both are in the same file of the same primary's log (a replica of another server, a
     * log rotated in between: 0, the heartbeat's age alone). Needs the privilege to read the replica's status (REPLICA
     * MONITOR, REPLICATION CLIENT); without it, 0.
     */
    private long binlogBacklogMillis(Watched w, LoadSample.BinlogPosition primary, long nowNanos) {
        if (primary == null || !w.statusReadable) {
            return 0;
        }
        LoadSample.BinlogPosition executed = executed(w, primary.serverId());
        if (executed == null || !executed.file().equals(primary.file())) {
            replayed.remove(w.name); // positions in another file do not compare
            return 0;
        }
        return backlogMillis(w.name, executed.position(), primary.position(), nowNanos);
    }

    /** Where the replica has executed the log of server {@code serverId} to, from its replication status; null when unknown. */
    private static LoadSample.BinlogPosition executed(Watched w, long serverId) {
        for (String statement : w.statusStatement == null ? List.of("SHOW REPLICA STATUS", "SHOW SLAVE STATUS") : List.of(w.statusStatement)) {
            try (java.sql.Statement s = w.connection.createStatement(); ResultSet rs = s.executeQuery(statement)) {
                w.statusStatement = statement;
                java.util.Set<String> columns = new java.util.HashSet<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    columns.add(rs.getMetaData().getColumnLabel(i));
                }
                // MySQL 8.0.22 on names the primary "source"; MariaDB keeps "master".
                String side = columns.contains("Exec_Source_Log_Pos") ? "Source" : "Master";
                while (rs.next()) {
                    if (rs.getLong(side + "_Server_Id") == serverId) {
                        return new LoadSample.BinlogPosition(serverId, rs.getString("Relay_" + side + "_Log_File"),
                                rs.getLong("Exec_" + side + "_Log_Pos"));
                    }
                }
                return null;
            } catch (SQLException e) {
                if (w.statusStatement != null) {
                    return null; // it worked before: this time only
                }
                LOG.debug("cannot read the replication status of {} with {} ({})", w.name, statement, e.getMessage());
            }
        }
        w.statusReadable = false; // neither statement, or not allowed: the heartbeat's age alone
        return null;
    }

    /** The age of the oldest position past {@code replayed}: how long ago the primary wrote what the replica still lacks. */
    private long positionLagMillis(long replayed, long nowNanos) {
        for (long[] h : history) {
            if (h[1] > replayed) {
                return (nowNanos - h[0]) / 1_000_000;
            }
        }
        return 0;
    }

    private Long heartbeatLag(Watched w, long nowMillis) {
        try {
            if (w.connection == null || w.connection.isClosed()) {
                DriverManager.setLoginTimeout(QUERY_TIMEOUT_SECONDS);
                w.connection = DriverManager.getConnection(w.url, w.credentials);
                w.connection.setAutoCommit(true);
                w.connection.setReadOnly(true);
            }
            try (PreparedStatement ps = w.connection.prepareStatement(heartbeatQuery)) {
                ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                ps.setString(1, job);
                try (ResultSet rs = ps.executeQuery()) {
                    long beat = rs.next() ? rs.getLong(1) : startedMillis;
                    w.warned = false;
                    return Math.max(0, nowMillis - Math.max(beat, 0));
                }
            }
        } catch (SQLException e) {
            if (w.connection != null && e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                // The replica answers but has no job state yet: it has not replayed even the run's start.
                return Math.max(0, nowMillis - startedMillis);
            }
            if (!w.warned) {
                w.warned = true;
                LOG.warn("cannot read the lag of replica {} ({}); the run is not slowed down for it until it answers", w.name,
                        e.getMessage());
            }
            closeQuietly(w);
            return null;
        }
    }

    @Override
    public void close() {
        watched.forEach(ReplicaLag::closeQuietly);
    }

    private static void closeQuietly(Watched w) {
        if (w.connection != null) {
            try {
                w.connection.close();
            } catch (SQLException ignored) {
                // going away anyway
            }
            w.connection = null;
        }
    }
}
