package io.rowsweep.core.internal.throttle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL: the other sessions in the process list (running a command, or done with one
 * within the last second), the sessions waiting on InnoDB row locks that rowsweep's sessions hold
 * ({@code INNODB_LOCK_WAITS}, which needs the PROCESS privilege; without it, none are seen), and
 * the replicas that report their address ({@code SHOW SLAVE HOSTS}). Replication here tells the
 * primary no positions, so {@link ReplicaLag} reads each replica's copy of the run's heartbeat.
 */
final class MySqlLoadProbe implements LoadProbe {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlLoadProbe.class);

    private static final java.util.Set<String> NOT_CLIENT_COMMANDS = java.util.Set.of("Daemon", "Binlog Dump", "Binlog Dump GTID",
            "Slave_IO", "Slave_SQL", "Slave_worker", "Killed", "Connect");
    private static final java.util.Set<String> NOT_CLIENT_USERS = java.util.Set.of("system user", "event_scheduler");

    private boolean lockWaitsReadable = true;
    private boolean transactionsReadable = true;

    /**
     * Counted from {@code SHOW FULL PROCESSLIST} rather than an aggregate over
     * {@code information_schema.PROCESSLIST}: MariaDB 10.11 crashed (signal 11, freeing the Aria temporary table the
     * query materialises) under a test run's load; the SHOW statement lists the sessions without a temporary table.
     * Its {@code Time} is in whole seconds, so "recent" means within the last second.
     */
    @Override
    public LoadSample sample(Connection c, Collection<Long> ours) throws SQLException {
        int running = 0;
        int recent = 0;
        try (Statement s = c.createStatement()) {
            long self = OwnSessions.idOf(c); // from the driver, without a round trip
            if (self < 0) {
                try (ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
                    r.next();
                    self = r.getLong(1);
                }
            }
            try (ResultSet r = s.executeQuery("SHOW FULL PROCESSLIST")) {
                while (r.next()) {
                    long id = r.getLong("Id");
                    String command = r.getString("Command");
                    if (id == self || ours.contains(id) || command == null || NOT_CLIENT_COMMANDS.contains(command)
                            || NOT_CLIENT_USERS.contains(r.getString("User"))) {
                        continue;
                    }
                    boolean active = !"Sleep".equals(command);
                    running += active ? 1 : 0;
                    recent += active || r.getLong("Time") < 1 ? 1 : 0;
                }
            }
        }
        return new LoadSample(true, running, recent + openTransactions(c, ours), blocked(c, ours), -1, List.of(), binlog(c));
    }

    private boolean binlogReadable = true;
    /** Whether replicas are watched: only then is the binary log position read, two queries more each sample. */
    private boolean binlogWanted;
    private long serverId = -1;

    @Override
    public void watchingReplicas(boolean watching) {
        binlogWanted = watching;
    }

    /**
     * The primary's binary log position, for the backlog of replicas ({@link ReplicaLag}); null without binary logs or
     * the privilege to read it (BINLOG MONITOR, REPLICATION CLIENT), then a replica's lag is its heartbeat's age alone.
     */
    private LoadSample.BinlogPosition binlog(Connection c) {
        if (!binlogWanted || !binlogReadable) {
            return null;
        }
        try (Statement s = c.createStatement()) {
            if (serverId < 0) {
                try (ResultSet rs = s.executeQuery("SELECT @@server_id")) {
                    rs.next();
                    serverId = rs.getLong(1);
                }
            }
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                if (rs.next()) {
                    return new LoadSample.BinlogPosition(serverId, rs.getString("File"), rs.getLong("Position"));
                }
                binlogReadable = false; // no binary log: no replica reads this server's
                return null;
            }
        } catch (SQLException e) {
            binlogReadable = false;
            LOG.debug("cannot read the binary log position ({}); replicas' lag is their heartbeat's age alone", e.getMessage());
            return null;
        }
    }

    /**
     * Other sessions inside a transaction while idle between its statements (an application that
     * holds rows locked, say): the process list shows them asleep, {@code INNODB_TRX} does not.
     * Needs the PROCESS privilege; without it, none are seen.
     */
    private int openTransactions(Connection c, Collection<Long> ours) {
        if (!transactionsReadable) {
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                + " WHERE trx_mysql_thread_id <> CONNECTION_ID()" + notOurs("trx_mysql_thread_id", ours))) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            transactionsReadable = false;
            LOG.info("rowsweep cannot read InnoDB's open transactions ({}), so it does not see sessions idle inside one;"
                    + " grant PROCESS to see them", e.getMessage());
            return 0;
        }
    }

    /** {@code AND column NOT IN (ours)}, or nothing when rowsweep has no sessions yet. */
    private static String notOurs(String column, Collection<Long> ours) {
        return ours.isEmpty() ? "" : " AND " + column + " NOT IN (" + ids(ours) + ")";
    }

    private static String ids(Collection<Long> ours) {
        return ours.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private int blocked(Connection c, Collection<Long> ours) {
        if (ours.isEmpty() || !lockWaitsReadable) {
            return 0;
        }
        String list = ids(ours);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT r.trx_mysql_thread_id)"
                + " FROM information_schema.INNODB_LOCK_WAITS w JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id WHERE b.trx_mysql_thread_id IN (" + list + ")"
                + " AND r.trx_mysql_thread_id NOT IN (" + list + ")")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            lockWaitsReadable = false;
            LOG.info("rowsweep cannot read InnoDB's lock waits ({}), so it does not see sessions waiting on its locks; grant PROCESS"
                    + " to see them", e.getMessage());
            return 0;
        }
    }

    @Override
    public List<String> replicaAddresses(Connection c) throws SQLException {
        List<String> addresses = new ArrayList<>();
        for (String show : List.of("SHOW SLAVE HOSTS", "SHOW REPLICAS")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(show)) {
                while (rs.next()) {
                    String host = rs.getString("Host");
                    if (host != null && !host.isBlank()) {
                        addresses.add(host + ":" + rs.getInt("Port"));
                    }
                }
                return addresses;
            } catch (SQLException tryTheOther) {
                // MySQL 8.4 knows only SHOW REPLICAS; MariaDB only SHOW SLAVE HOSTS (or REPLICA HOSTS)
            }
        }
        return addresses;
    }
}
