package io.edgepublisher.streamer.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The journal file of one open buffer. Records are encoded into an in-memory tail under the segment monitor (cheap,
 * so the buffer lock is held only briefly); {@link #syncTo} writes the tail and fsyncs. One sync covers every record
 * appended before it started, which is what makes concurrent appenders share fsyncs.
 *
 * <p>Locks: the segment monitor guards the tail and {@code appended}; {@code io} serialises write+fsync and
 * {@link #retire}. A failed fsync poisons the segment: no later sync may report success for it (after an fsync
 * error Linux may have dropped the dirty pages), so acknowledgements fail until a flush retires it.
 */
public final class JournalSegment {
    private final Path path;
    private final Journal journal;
    private final Object io = new Object();
    private FileChannel channel;
    private byte[] tail = new byte[4096];
    private int tailLen;
    private long appended;
    private volatile long synced;
    private volatile boolean retired;
    private boolean dirSynced;
    private IOException failure;

    JournalSegment(Path path, Journal journal, FileChannel channel) {
        this.path = path;
        this.journal = journal;
        this.channel = channel;
    }

    public Path path() {
        return path;
    }

    /** Encodes one record into the tail; returns the end offset the record needs to be synced to. */
    synchronized long append(byte[] payload, int off, int len) {
        int need = tailLen + RecordCodec.OVERHEAD + len;
        if (need > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(need, tail.length * 2));
        }
        tailLen = RecordCodec.encode(tail, tailLen, payload, off, len);
        appended += RecordCodec.OVERHEAD + len;
        return appended;
    }

    synchronized long appended() {
        return appended;
    }

    boolean isDurable(long pos) {
        return retired || synced >= pos;
    }

    /** Makes everything up to {@code pos} durable (or returns at once if a flush already retired the segment). */
    void syncTo(long pos) throws IOException {
        if (isDurable(pos)) {
            return;
        }
        synchronized (io) {
            if (isDurable(pos)) {
                return;
            }
            if (failure != null) {
                throw failure;
            }
            byte[] buf;
            int len;
            long target;
            synchronized (this) {
                buf = tail;
                len = tailLen;
                target = appended;
                tail = new byte[Math.max(4096, Math.min(len, 1 << 20))];
                tailLen = 0;
            }
            try {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                while (bb.hasRemaining()) {
                    channel.write(bb);
                }
                channel.force(false);
                if (!dirSynced) {
                    journal.syncDirectory();
                    dirSynced = true;
                }
                synced = target;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /**
     * Called once the buffer's file is durable in the watch (or error) dir: the records are no longer needed.
     * Pending waiters complete successfully, since their rows are in that file.
     */
    void retire() throws IOException {
        synchronized (io) {
            retired = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Closes an auxiliary log after syncing it (see {@link Journal#openLog}). */
    public void closeLog() throws IOException {
        syncTo(appended());
        closeKeep();
    }

    /** Closes the file, keeping it for recovery (shutdown with a buffer that could not be flushed). */
    void closeKeep() throws IOException {
        synchronized (io) {
            if (!retired && channel.isOpen()) {
                channel.close();
            }
        }
    }

    static FileChannel create(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
