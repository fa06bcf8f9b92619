package io.rowsweep.core.internal.throttle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Reads a {@link LoadSample} from one database engine. One per run, used by one thread on one
 * connection of its own.
 */
public interface LoadProbe {

    /** The sample now; {@code ours} are rowsweep's own session ids, which it leaves out. */
    LoadSample sample(Connection c, Collection<Long> ours) throws SQLException;

    /**
     * Replicas the primary knows by address ({@code host:port}, MariaDB/MySQL {@code SHOW SLAVE HOSTS}),
     * whose lag is read through a connection to each; empty where the primary reports positions itself.
     */
    default List<String> replicaAddresses(Connection c) throws SQLException {
        return List.of();
    }

    /**
     * Whether replicas are watched through connections, whose backlog the primary's log position in each sample would
     * tell ({@link LoadSample#binlog()}): where it costs queries of its own, a probe reads it only while they are.
     */
    default void watchingReplicas(boolean watching) {
    }

    /** The probe for an engine, by its dialect's name; one that knows nothing for engines without one. */
    static LoadProbe forDialect(String dialectName) {
        switch (dialectName) {
            case "PostgreSQL":
                return new PostgresLoadProbe();
            case "MariaDB":
            case "MySQL":
                return new MySqlLoadProbe();
            default:
                return (c, ours) -> LoadSample.NONE;
        }
    }
}
