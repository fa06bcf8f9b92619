package io.rowsweep.validation.internal;

import io.rowsweep.core.RowSweepException;
import io.rowsweep.core.internal.exec.ChunkOutcome;
import io.rowsweep.core.internal.exec.ChunkPublisher;
import io.rowsweep.core.internal.plan.Chunk;
import io.rowsweep.validation.ViolationFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The violations file, written exactly once per chunk: under one lock, a chunk's spool is
 * appended and the chunk's checkpoint committed with the file's new length; if the commit fails
 * the file is cut back. A resumed run cuts the file to the largest committed length, dropping
 * records of chunks that never committed, so a crash loses and duplicates nothing.
 */
final class ViolationFile implements ChunkPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ViolationFile.class);

    private final Path path;
    private final ViolationFormat format;
    private FileChannel channel;
    /** Bytes of the file written by earlier runs of the job (a resumed run keeps them). */
    private long earlier;
    /** The records this run published, by table and constraint. */
    private final Map<String, Map<String, Long>> published = new HashMap<>();

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
            if (resumed && publishedUpTo >= 0) {
                if (channel.size() < publishedUpTo) {
                    LOG.warn("Violations file {} is shorter ({} bytes) than the run recorded ({} bytes): it was changed since;"
                            + " violations of the earlier run may be missing from it", path, channel.size(), publishedUpTo);
                }
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
        }
    }

    @Override
    public synchronized void publish(Chunk chunk, ChunkOutcome outcome, Checkpoint checkpoint) throws Exception {
        Spool spool = (Spool) outcome.output();
        long before = channel.position();
        try {
            if (spool != null && spool.size() > 0) {
                spool.appendTo(channel);
                channel.force(false);
            }
            try {
                checkpoint.commit(channel.position());
            } catch (Exception e) {
                channel.truncate(before);
                channel.position(before);
                throw e;
            }
            if (spool != null) {
                ViolationCounts.addAll(published, spool.counts());
            }
        } finally {
            if (spool != null) {
                spool.delete();
            }
        }
    }

    @Override
    public void discard(ChunkOutcome outcome) {
        if (outcome.output() instanceof Spool) {
            ((Spool) outcome.output()).delete();
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
