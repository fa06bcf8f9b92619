package io.rowsweep.cli;

import io.rowsweep.testkit.DatabaseKind;
import io.rowsweep.testkit.OwnServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection-starvation scene, on a server of its own with a limit of 60 connections: the
 * application holds 45 and keeps opening new ones while {@code rowsweep update} runs with 16
 * workers. rowsweep runs as many workers as the free connections allow less the headroom, says so
 * in one line, and finishes; every connection the application opens meanwhile succeeds.
 */
abstract class ConnectionStarvationContractTest {

    static final int MAX_CONNECTIONS = 60;
    static final int HELD_BY_THE_APPLICATION = 45;
    static final int ROWS = 60_000;

    abstract DatabaseKind kind();

    /** The server setting limiting connections. */
    abstract String maxConnectionsSetting();

    /** SQL listing the numbers 1 to {@code n} as column {@code i}. */
    abstract String series(int n);

    OwnServer server;
    final List<Connection> held = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Connection c : held) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anApplicationHolding45Of60ConnectionsStillConnectsWhileA16WorkerUpdateFinishes() throws Exception {
        try {
            server = OwnServer.start(kind(), Map.of(maxConnectionsSetting(), Integer.toString(MAX_CONNECTIONS)));
        } catch (OwnServer.Unavailable e) {
            Assumptions.abort(e.getMessage());
        }
        String url = server.url();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, counter INT NOT NULL)");
            s.execute("INSERT INTO items SELECT i, 0 FROM " + series(ROWS));
        }
        for (int i = 0; i < HELD_BY_THE_APPLICATION; i++) {
            held.add(DriverManager.getConnection(url));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger tries = new AtomicInteger();
        List<String> refused = new ArrayList<>();
        CompletableFuture<Void> application = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                tries.incrementAndGet();
                try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                } catch (SQLException e) {
                    synchronized (refused) {
                        refused.add(e.getMessage());
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        Cli.Result r;
        long t0 = System.nanoTime();
        try {
            // At 20,000 rows/s the run lasts about 3 s: some 40 connection attempts of the application fall into it.
            r = Cli.run("update", "--url", url, "--table", "items", "--set", "counter = counter + 1", "--workers", "16",
                    "--max-chunk-rows", "2000", "--latency-guard", "off", "--max-rows-per-second", "20000");
        } finally {
            running.set(false);
            application.get(1, TimeUnit.MINUTES);
        }
        System.out.printf("%s: update of %d rows in %d ms, the application connected %d times, refused %d%n", kind(), ROWS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), tries.get(), refused.size());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.log()).as(r.toString()).containsPattern("running \\d+ workers instead of 16");
        assertThat(tries.get()).as("the application's connection attempts during the run").isGreaterThanOrEqualTo(30);
        assertThat(refused).as("the application's refused connections").isEmpty();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM items WHERE counter <> 1")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows not updated exactly once").isZero();
        }
    }
}
