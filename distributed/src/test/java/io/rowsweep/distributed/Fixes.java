package io.rowsweep.distributed;

import io.rowsweep.update.spi.Row;
import io.rowsweep.update.spi.RowFix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fixes that workers load by class name, as they load a user's. */
public final class Fixes {

    private Fixes() {
    }

    /** Counts each row once more; fails on the row with id 777, so its chunk fails for good. */
    public static final class FailOn777 implements RowFix {
        @Override
        public void fix(Row row) {
            if (row.getLong("id") == 777) {
                throw new IllegalStateException("row 777 cannot be fixed");
            }
            row.set("counter", row.getInt("counter") + 1);
        }
    }

    /** As {@link FailOn777} until a test allows row 777: a chunk that failed for good, then succeeds when it is run again. */
    public static final class FailOn777UntilAllowed implements RowFix {
        /** Seen by workers in the test's own JVM only. */
        public static volatile boolean allowed;

        @Override
        public void fix(Row row) {
            if (row.getLong("id") == 777 && !allowed) {
                throw new IllegalStateException("row 777 cannot be fixed yet");
            }
            row.set("counter", row.getInt("counter") + 1);
        }
    }

    /**
     * Deliberately CPU-heavy: sets {@code digest} to a SHA-256 of the row's text hashed
     * {@link #ROUNDS} times, so the work per row dwarfs reading and writing it.
     */
    public static final class CpuHeavy implements RowFix {
        public static final int ROUNDS = 3_000;
        private final MessageDigest sha;

        public CpuHeavy() throws NoSuchAlgorithmException {
            sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void fix(Row row) {
            byte[] h = row.getString("body").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < ROUNDS; i++) {
                h = sha.digest(h);
            }
            row.set("digest", HexFormat.of().formatHex(h));
        }
    }
}
