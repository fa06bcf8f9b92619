package io.rowsweep.validation.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One chunk's output before it is published: in memory while small, spilled to a temporary file
 * past {@link #MEMORY_LIMIT}, so a chunk full of violations never holds them all in memory.
 */
final class Spool extends OutputStream {

    static final int MEMORY_LIMIT = 1 << 20;

    private byte[] buffer = new byte[8192];
    private int count;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private final Map<String, Map<String, Long>> counts = new HashMap<>();

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        size += len;
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        if (count + len > MEMORY_LIMIT) {
            file = Files.createTempFile("rowsweep-violations-", ".spool");
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            fileOut.write(buffer, 0, count);
            fileOut.write(b, off, len);
            buffer = null;
            count = 0;
            return;
        }
        if (count + len > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, count + len)];
            System.arraycopy(buffer, 0, bigger, 0, count);
            buffer = bigger;
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    long size() {
        return size;
    }

    /** Notes one more record of {@code table} for {@code constraint} (see {@link #counts}). */
    void counted(String table, String constraint) {
        ViolationCounts.add(counts, table, constraint, 1);
    }

    /** How many records of each table and constraint it holds, as {@link ViolationCounts#read} would count them. */
    Map<String, Map<String, Long>> counts() {
        return counts;
    }

    /** Appends everything written to {@code target} at its current position. */
    void appendTo(FileChannel target) throws IOException {
        if (fileOut == null) {
            ByteBuffer bb = ByteBuffer.wrap(buffer, 0, count);
            while (bb.hasRemaining()) {
                target.write(bb);
            }
            return;
        }
        fileOut.flush();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long done = 0;
            long total = in.size();
            while (done < total) {
                done += in.transferTo(done, total - done, target);
            }
        }
    }

    /** Reads back everything written. */
    InputStream open() throws IOException {
        if (fileOut == null) {
            return new ByteArrayInputStream(buffer, 0, count);
        }
        fileOut.flush();
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    /** Frees the memory or temporary file. */
    void delete() {
        buffer = null;
        if (fileOut != null) {
            try {
                fileOut.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
            fileOut = null;
        }
    }
}
