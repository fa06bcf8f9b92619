package io.rowsweep.bench.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the application's sessions are doing, sampled from {@code pg_stat_activity} every few
 * milliseconds on a connection of its own: running, or waiting (on a row lock, on WAL being
 * flushed, on I/O...). Shows where the application's latency goes while something else runs.
 */
public final class WaitSampler implements AutoCloseable {

    /** One observation of one active application session. */
    record Sample(long atMicros, String state) {
    }

    private final Connection connection;
    private final String applicationName;
    private final long intervalMillis;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    private WaitSampler(Connection connection, String applicationName, long intervalMillis) {
        this.connection = connection;
        this.applicationName = applicationName;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::sample, "wait-sampler");
        this.thread.setDaemon(true);
    }

    /** Samples the sessions whose {@code application_name} is {@code applicationName} (pgbench's is "pgbench"). */
    public static WaitSampler start(Connection connection, String applicationName, long intervalMillis) {
        WaitSampler s = new WaitSampler(connection, applicationName, intervalMillis);
        s.thread.start();
        return s;
    }

    private void sample() {
        String sql = "SELECT coalesce(wait_event_type || ':' || wait_event, 'running') FROM pg_stat_activity"
                + " WHERE application_name = '" + applicationName.replace("'", "''") + "' AND state = 'active'";
        try (Statement s = connection.createStatement()) {
            while (running) {
                long now = System.currentTimeMillis() * 1000;
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        samples.add(new Sample(now, rs.getString(1)));
                    }
                }
                Thread.sleep(intervalMillis);
            }
        } catch (SQLException e) {
            if (running) {
                throw new IllegalStateException("sampling pg_stat_activity failed", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The states seen in {@code [fromMicros, toMicros)}, most frequent first, with their share of
     * the samples, e.g. {@code Lock:transactionid 41%, running 30%, IO:WALSync 12%}; at most {@code top}.
     */
    public String summary(long fromMicros, long toMicros, int top) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        synchronized (samples) {
            for (Sample s : samples) {
                if (s.atMicros() >= fromMicros && s.atMicros() < toMicros) {
                    counts.merge(s.state(), 1, Integer::sum);
                    total++;
                }
            }
        }
        if (total == 0) {
            return "-";
        }
        int n = total;
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .map(e -> e.getKey() + " " + Math.round(100.0 * e.getValue() / n) + "%")
                .reduce((a, b) -> a + ", " + b).orElse("-");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
