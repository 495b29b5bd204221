package io.edgepublisher.streamer.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The journal file of one open buffer. Records are encoded into an in-memory tail under the segment monitor (cheap,
 * so the buffer lock is held only briefly); {@link #syncTo} writes the tail and fsyncs. One sync covers every record
 * appended before it started, which is what makes concurrent appenders share fsyncs.
 *
 * <p>Positions are logical: the end of a record in the sequence of everything appended. A failed write or fsync
 * (a full disk, an I/O error) <b>rolls back</b>: every record not yet durable at that moment fails (its sender is told
 * so and its rows must leave the buffer, see {@link #status}), the file is truncated to what earlier syncs made
 * durable, and later records are written after it. So the file only ever holds records whose senders were, or will
 * be, told they are durable. Linux may drop the dirty pages of a failed fsync; truncating them away is what makes the
 * next successful fsync trustworthy again. Only when the truncation itself fails is the segment poisoned: every later
 * record fails until a flush retires the segment.
 *
 * <p>Locks: the segment monitor guards the tail, {@code appended} and the failures; {@code io} serialises
 * write+fsync, truncation and {@link #retire}.
 */
public final class JournalSegment {
    /** Outcome of a record: {@link #DURABLE}, {@link #FAILED} or {@link #PENDING}. */
    public static final int DURABLE = 0;
    public static final int FAILED = 1;
    public static final int PENDING = 2;

    private final Path path;
    private final Journal journal;
    private final Object io = new Object();
    private final byte[] header;
    private FileChannel channel;
    private byte[] tail = new byte[4096];
    private int tailLen;
    private long appended;
    private volatile long synced;
    /** Bytes of the file that earlier syncs made durable; the next write goes there. */
    private long fileSize;
    private volatile boolean retired;
    private boolean dirSynced;
    /** Failed records: logical ranges (from, to], merged, with the error that failed them. */
    private final List<Failure> failures = new ArrayList<>(1);
    private volatile boolean anyFailure;
    private IOException poisoned;

    private record Failure(long from, long to, IOException cause) {
    }

    /**
     * @param header the encoded header record, written first and written again if a failure truncates the file to
     *     nothing; null for auxiliary logs
     */
    JournalSegment(Path path, Journal journal, FileChannel channel, byte[] header) {
        this.path = path;
        this.journal = journal;
        this.channel = channel;
        this.header = header;
    }

    public Path path() {
        return path;
    }

    /** Encodes one record into the tail; returns the end position the record needs to be synced to. */
    synchronized long append(byte[] payload, int off, int len) {
        int need = tailLen + RecordCodec.OVERHEAD + len;
        if (need > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(need, tail.length * 2));
        }
        tailLen = RecordCodec.encode(tail, tailLen, payload, off, len);
        appended += RecordCodec.OVERHEAD + len;
        return appended;
    }

    /** Appends an already encoded record (the header). */
    synchronized void appendEncoded(byte[] record) {
        if (tailLen + record.length > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(tailLen + record.length, tail.length * 2));
        }
        System.arraycopy(record, 0, tail, tailLen, record.length);
        tailLen += record.length;
        appended += record.length;
    }

    synchronized long appended() {
        return appended;
    }

    /** {@link #DURABLE}, {@link #FAILED} or {@link #PENDING} for the record ending at {@code pos}. */
    public int status(long pos) {
        if (anyFailure && failure(pos) != null) {
            return FAILED;
        }
        return retired || synced >= pos ? DURABLE : PENDING;
    }

    boolean isDurable(long pos) {
        return status(pos) == DURABLE;
    }

    /** Returns normally when the record is durable; throws the error that failed it, or that it is not synced yet. */
    void check(long pos) throws IOException {
        switch (status(pos)) {
            case DURABLE:
                return;
            case FAILED:
                throw failure(pos);
            default:
                throw new IOException("journal record of " + path.getFileName() + " is not synced");
        }
    }

    private synchronized IOException failure(long pos) {
        for (int i = failures.size() - 1; i >= 0; i--) {
            Failure f = failures.get(i);
            if (pos > f.from && pos <= f.to) {
                return f.cause;
            }
        }
        return null;
    }

    /**
     * Makes everything up to {@code pos} durable (or returns at once if that is already decided). Throws when this
     * call's write or fsync failed; records it covered are then {@link #FAILED}.
     */
    void syncTo(long pos) throws IOException {
        if (status(pos) != PENDING) {
            return;
        }
        synchronized (io) {
            if (status(pos) != PENDING) {
                return;
            }
            byte[] buf;
            int len;
            long target;
            synchronized (this) {
                if (poisoned != null) {
                    fail(poisoned);
                    throw poisoned;
                }
                buf = tail;
                len = tailLen;
                target = appended;
                tail = new byte[Math.max(4096, Math.min(len, 1 << 20))];
                tailLen = 0;
            }
            try {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                long at = fileSize;
                while (bb.hasRemaining()) {
                    at += channel.write(bb, at);
                }
                channel.force(false);
                if (!dirSynced) {
                    journal.syncDirectory();
                    dirSynced = true;
                }
                fileSize += len;
                synced = target;
            } catch (IOException e) {
                rollBack(e);
                throw e;
            }
        }
    }

    /** Under {@code io}: everything not durable fails, and the file goes back to its durable length. */
    private void rollBack(IOException cause) {
        synchronized (this) {
            fail(cause);
        }
        try {
            channel.truncate(fileSize);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                poisoned = cause;
            }
        }
    }

    /** Under the monitor: the records in (synced, appended] fail; the tail is dropped (the header kept, if needed). */
    private void fail(IOException cause) {
        long from = synced;
        if (appended > from) {
            Failure last = failures.isEmpty() ? null : failures.get(failures.size() - 1);
            if (last != null && last.to >= from) {
                failures.set(failures.size() - 1, new Failure(last.from, appended, last.cause));
            } else {
                failures.add(new Failure(from, appended, cause));
            }
            anyFailure = true;
        }
        tailLen = 0;
        if (fileSize == 0 && header != null) {
            // The header never reached the disk: it leads the next write. Its logical range is not a record.
            System.arraycopy(header, 0, tail, 0, Math.min(header.length, tail.length));
            if (header.length > tail.length) {
                tail = Arrays.copyOf(header, Math.max(4096, header.length));
            }
            tailLen = header.length;
        }
    }

    /**
     * Called once the buffer's file is durable in the watch (or error) dir, or once its buffer emptied after a
     * rollback: the records are no longer needed. Pending waiters complete successfully (their rows are in that
     * file); failed ones stay failed.
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

    /** Bytes the file holds for an auxiliary log opened on an existing file. */
    void startAt(long size) {
        synchronized (io) {
            fileSize = size;
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
