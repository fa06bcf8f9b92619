package io.rowsweep.core.internal.throttle;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database sessions rowsweep uses on a data source (every connection it borrows from it, in
 * any run), so that what the latency guard watches of the other sessions leaves rowsweep's own
 * out. A session's id comes from the driver without a round trip:
 * pgjdbc's backend pid, MariaDB Connector/J's thread id, MySQL Connector/J's connection id; with
 * another driver nothing is recorded and rowsweep's sessions count as others (the run then slows
 * down as if an application were there).
 */
public final class OwnSessions {

    /** Interface and method giving the server's session id, per driver. */
    private static final List<String[]> ID_GETTERS = List.of(
            new String[] {"org.postgresql.PGConnection", "getBackendPID"},
            new String[] {"org.mariadb.jdbc.Connection", "getThreadId"},
            new String[] {"com.mysql.cj.jdbc.JdbcConnection", "getId"});

    /** Per data source, for as long as it lives. */
    private static final Map<DataSource, OwnSessions> BY_SOURCE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    /** The sessions rowsweep has borrowed from {@code dataSource} so far. */
    public static OwnSessions of(DataSource dataSource) {
        return BY_SOURCE.computeIfAbsent(dataSource, d -> new OwnSessions());
    }

    /** Records {@code c}'s session as the run's own. */
    public void add(Connection c) {
        long id = idOf(c);
        if (id >= 0) {
            ids.add(id);
        }
    }

    /** The sessions recorded so far. */
    public Collection<Long> ids() {
        return Collections.unmodifiableSet(ids);
    }

    /** The server's id of {@code c}'s session, or -1 when its driver does not say. */
    static long idOf(Connection c) {
        for (String[] getter : ID_GETTERS) {
            try {
                Class<?> type = Class.forName(getter[0], false, c.getClass().getClassLoader());
                if (c.isWrapperFor(type)) {
                    Object driverConnection = c.unwrap(type);
                    Method m = type.getMethod(getter[1]);
                    return ((Number) m.invoke(driverConnection)).longValue();
                }
            } catch (ClassNotFoundException | LinkageError | SQLException notThisDriver) {
                // try the next
            } catch (ReflectiveOperationException | RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }
}
