package io.rowsweep.cli;

import io.rowsweep.testkit.ReplicaPair;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL hot standby that the test starts (initdb, pg_basebackup, a second
 * postmaster), validated as its superuser: every transaction there is read-only.
 */
class PostgresHotStandbyTest extends ReadOnlyTargetContractTest {

    @Override
    Target openTarget() {
        ReplicaPair pair = ReplicaPair.postgres();
        try {
            try (Connection c = DriverManager.getConnection(pair.primaryUrl()); Statement s = c.createStatement()) {
                for (String sql : CliProcessFaultContractTest.posts(n -> "generate_series(1, " + n + ") AS g(i)")) {
                    s.execute(sql);
                }
            }
            awaitReplayed(pair);
        } catch (SQLException | InterruptedException | RuntimeException e) {
            pair.close();
            throw new IllegalStateException("could not fill the primary and see it on the standby: " + e, e);
        }
        return new Target() {
            @Override
            public String url() {
                return pair.replicaUrl();
            }

            @Override
            public String writerUrl() {
                return pair.primaryUrl();
            }

            @Override
            public Connection read() throws SQLException {
                return DriverManager.getConnection(pair.replicaUrl());
            }

            @Override
            public String schema() {
                return "public";
            }

            @Override
            public void close() {
                pair.close();
            }
        };
    }

    /** Waits until the standby has replayed the posts' index, the primary's last statement. */
    private static void awaitReplayed(ReplicaPair pair) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection c = DriverManager.getConnection(pair.replicaUrl()); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'posts_slug'")) {
                    rs.next();
                    if (rs.getLong(1) == 1) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the standby did not replay the posts within 60 s");
                }
                Thread.sleep(50);
            }
        }
    }
}
