package io.rowsweep.core.internal.throttle;

import java.util.List;

/**
 * What the database says of the other sessions at one moment, rowsweep's own left out.
 *
 * @param known        whether the database told anything of its sessions (false: an engine rowsweep cannot ask)
 * @param running      other sessions running a statement now
 * @param recent       other sessions in a transaction, or that ran a statement within the last tenth of a second (one
 *                     sample's interval)
 * @param blockedByUs  other sessions waiting for a lock that one of rowsweep's sessions holds
 * @param walPosition  the primary's write-ahead log position in bytes (PostgreSQL), or -1
 * @param replicas     replicas as the primary lists them, with how far they have replayed (PostgreSQL), else empty
 * @param binlog       the primary's binary log position (MariaDB/MySQL, where it may be read), or null
 */
public record LoadSample(boolean known, int running, int recent, int blockedByUs, long walPosition, List<ReplicaPosition> replicas,
                         BinlogPosition binlog) {

    /** Nothing known: no session, no replica. */
    public static final LoadSample NONE = new LoadSample(false, 0, 0, 0, -1, List.of());

    public LoadSample(boolean known, int running, int recent, int blockedByUs, long walPosition, List<ReplicaPosition> replicas) {
        this(known, running, recent, blockedByUs, walPosition, replicas, null);
    }

    /**
     * Where a MariaDB/MySQL server writes its binary log, or where a replica has executed it to.
     *
     * @param serverId the server whose log it is ({@code @@server_id}; a replica's Master_Server_Id)
     */
    public record BinlogPosition(long serverId, String file, long position) {
    }

    /**
     * A replica the primary lists.
     *
     * @param replayed the write-ahead log position it has replayed, or -1 when the primary does not say (no privilege)
     */
    public record ReplicaPosition(String name, long replayed) {
    }
}
