package io.rowsweep.validation.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.spi.job.Chunk;
import io.rowsweep.core.spi.job.ChunkSink;
import io.rowsweep.validation.ViolationFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The violations file, written exactly once per chunk: a chunk's spool is appended and the file
 * held until the engine has committed the chunk's checkpoint with the file's new length; if the
 * append or the commit fails (a full disk, a lost connection), the file is cut back, so no torn
 * record stays. A resumed run checks that the file still holds what the committed chunks recorded
 * and cuts it to that length, dropping records of chunks that never committed, so a crash loses
 * and duplicates nothing. The file is locked while the run writes it: a second run writing the same file is refused.
 */
final class ViolationFile implements ChunkSink<Spool> {

    private static final Logger LOG = LoggerFactory.getLogger(ViolationFile.class);

    private final Path path;
    private final ViolationFormat format;
    private FileChannel channel;
    /** Bytes of the file written by earlier runs of the job (a resumed run keeps them). */
    private long earlier;
    /** The records this run published, by table and constraint. */
    private final Map<String, Map<String, Long>> published = new HashMap<>();
    /** Held from a chunk's append until its checkpoint committed or its output was cut back: the file's length follows the commits. */
    private final ReentrantLock appending = new ReentrantLock();

    ViolationFile(Path path, ViolationFormat format) {
        this.path = path;
        this.format = format;
    }

    /** Opens the file: continued from {@code publishedUpTo} when resuming, else empty (with a CSV header). */
    synchronized void open(boolean resumed, long publishedUpTo) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            lock(channel, path.toAbsolutePath());
            if (resumed && publishedUpTo >= 0) {
                checkHoldsPublished(publishedUpTo);
                channel.truncate(publishedUpTo);
                channel.position(channel.size());
                earlier = channel.size();
            } else {
                channel.truncate(0);
                channel.position(0);
                earlier = 0;
                if (format == ViolationFormat.CSV) {
                    ByteBuffer header = ByteBuffer.wrap(ViolationWriter.CSV_HEADER.getBytes(StandardCharsets.UTF_8));
                    while (header.hasRemaining()) {
                        channel.write(header);
                    }
                }
            }
        } catch (IOException e) {
            close();
            throw RowSweepException.configuration("Cannot write the violations file " + path.toAbsolutePath() + ": " + e
                    + ". Choose another place with --out.");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Takes the file's lock (released when the channel closes); a configuration error when
     * another process, or another run in this one, holds it.
     */
    static FileLock lock(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw RowSweepException.configuration("The violations file " + file + " is being written by another rowsweep run (it"
                    + " holds the file's lock). Give this run another --out, or wait for the other one to finish.");
        }
        return lock;
    }

    /**
     * A resumed run continues the file its done chunks wrote: it must still hold what they
     * recorded, ending with a whole record. Emptied, cut, or replaced since, it would make the
     * summary claim violations the file does not have.
     */
    private void checkHoldsPublished(long publishedUpTo) throws IOException {
        long size = channel.size();
        boolean whole = size >= publishedUpTo;
        if (whole && publishedUpTo > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, publishedUpTo - 1);
            whole = last.get(0) == '\n';
        }
        if (!whole) {
            throw RowSweepException.configuration("The violations file " + path.toAbsolutePath() + " no longer holds what the job's"
                    + " done chunks wrote (" + publishedUpTo + " bytes; it has " + size + (size < publishedUpTo ? "" : ", not ending"
                    + " with a whole record there") + "): it was emptied, cut or replaced since. Put the file back to resume,"
                    + " or pass --restart to validate every row again.");
        }
    }

    @Override
    public Appended append(Chunk chunk, Spool spool) throws Exception {
        appending.lock();
        long before;
        long after;
        try {
            before = channel.position();
        } catch (IOException | RuntimeException e) {
            release(spool);
            throw e;
        }
        try {
            if (spool != null && spool.size() > 0) {
                spool.appendTo(channel);
                channel.force(false);
            }
            after = channel.position();
        } catch (Exception e) {
            cutBack(before, spool); // a record torn by a full disk does not stay
            throw e;
        }
        return new Appended() {
            @Override
            public long position() {
                return after;
            }

            @Override
            public void committed() {
                if (spool != null) {
                    synchronized (ViolationFile.this) {
                        ViolationCounts.addAll(published, spool.counts());
                    }
                }
                release(spool);
            }

            @Override
            public void rollBack() throws IOException {
                cutBack(before, spool);
            }
        };
    }

    /** Nothing of the chunk stays: the file is cut back to where the chunk's records began. */
    private void cutBack(long before, Spool spool) throws IOException {
        try {
            channel.truncate(before);
            channel.position(before);
        } finally {
            release(spool);
        }
    }

    private void release(Spool spool) {
        try {
            discard(spool);
        } finally {
            appending.unlock();
        }
    }

    @Override
    public void discard(Spool spool) {
        if (spool != null) {
            spool.delete();
        }
    }

    /**
     * The file's records by table and constraint: this run's as it published them, plus those of
     * earlier runs it continues, read back from the file. So a fresh run does not read its own
     * output again.
     */
    synchronized Map<String, Map<String, Long>> counts() throws IOException {
        Map<String, Map<String, Long>> all = earlier > 0 ? ViolationCounts.read(path, format, earlier) : new LinkedHashMap<>();
        ViolationCounts.addAll(all, published);
        return all;
    }

    synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing {}: {}", path, e.toString());
            }
            channel = null;
        }
    }
}
