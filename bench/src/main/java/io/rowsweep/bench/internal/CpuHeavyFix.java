package io.rowsweep.bench.internal;

import io.rowsweep.update.spi.Row;
import io.rowsweep.update.spi.RowFix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deliberately CPU-heavy fix for the scaling benchmark: {@code digest} becomes the row's text
 * hashed {@link #ROUNDS} times with SHA-256, so the work per row dwarfs reading and writing it.
 */
public final class CpuHeavyFix implements RowFix {

    public static final int ROUNDS = 3_000;
    private final MessageDigest sha;

    public CpuHeavyFix() throws NoSuchAlgorithmException {
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
