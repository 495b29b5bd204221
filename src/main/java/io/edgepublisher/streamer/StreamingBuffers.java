package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalSegment;
import io.edgepublisher.streamer.journal.SegmentHeader;
import io.edgepublisher.support.PathText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming buffers of the node (INTAKE.md §5–6): append rows per {@link BufferKey}, journal them, flush on
 * thresholds, on {@link #tick}, on {@link #flushAll} and at {@link #close}; recover the journal at boot.
 *
 * <p>Thread-safe. Each buffer has its own lock, held while its batch is recorded in the journal tail and the buffer
 * and, when a threshold is crossed, during the flush; appends to different keys do not contend. The wait for the
 * journal fsync happens outside the lock, so concurrent appenders share fsyncs.
 *
 * <p>Order per append (INTAKE.md §6.3): journal record → buffer → threshold flush → (fsync covering the record) →
 * acknowledgement, i.e. completion of the returned future. With a {@link #setFlusher flusher}, the threshold flush of
 * {@link #appendAsync} runs there instead, after the acknowledgement; the rows are durable in the journal either way,
 * and recovery writes the file if the node stops first.
 */
public final class StreamingBuffers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingBuffers.class);
    /** After a failed time-threshold flush, the streamer waits this long before trying that buffer again. */
    private static final long RETRY_MS = 1000;

    private final ConcurrentHashMap<BufferKey, StreamingBuffer> buffers = new ConcurrentHashMap<>();
    private final Counters counters = new Counters();
    private final ThresholdTable thresholds;
    private final Journal journal;
    private final Clock clock;
    private volatile StreamerDirs dirs;
    private volatile FlushListener listener = (file, hash, rows) -> { };
    private volatile MarkSink markSink = MarkSink.NONE;
    private volatile RecoveryFilter recoveryFilter = RecoveryFilter.NONE;
    private volatile StorageGuard storage = StorageGuard.none();
    private volatile boolean closed;
    private volatile Executor flusher;
    /** Journal segments recovery left alone because their source could not tell yet (see {@link #recoverHeld}). */
    private final List<Path> held = new ArrayList<>();
    private final DataFiles files = new DataFiles(() -> dirs, () -> storage);

    /**
     * @param dirs prep, watch and err dirs (they must exist)
     * @param journal the intake journal (mode {@code none} for no durability)
     * @param thresholds the {@code set buffer threshold} table
     * @param clock time source for open times and time thresholds
     */
    public StreamingBuffers(StreamerDirs dirs, Journal journal, ThresholdTable thresholds, Clock clock) {
        this.dirs = dirs;
        this.journal = journal;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /** The intake journal (message clients keep their delivery logs in it). */
    public Journal journal() {
        return journal;
    }

    public ThresholdTable thresholds() {
        return thresholds;
    }

    public StreamerDirs dirs() {
        return dirs;
    }

    /** {@code run streamer where prep_dir = … and watch_dir = … and err_dir = …}. */
    public void setDirs(StreamerDirs newDirs) {
        this.dirs = newDirs;
    }

    /** Where the delivery marks of flushed buffers go (the message clients' delivery logs). */
    public void setMarkSink(MarkSink sink) {
        this.markSink = sink;
    }

    public MarkSink markSink() {
        return markSink;
    }

    /** Which journaled records recovery drops instead of flushing (records their source delivers again). */
    public void setRecoveryFilter(RecoveryFilter filter) {
        this.recoveryFilter = filter;
    }

    public RecoveryFilter recoveryFilter() {
        return recoveryFilter;
    }

    /** The free-space floor and write-failure state intake obeys (by default: never refuses). */
    public void setStorageGuard(StorageGuard guard) {
        this.storage = guard;
    }

    public StorageGuard storage() {
        return storage;
    }

    /** The publisher's hook, told about every file that lands in the watch dir. */
    public void setListener(FlushListener l) {
        this.listener = l;
    }

    /**
     * Appends a batch and returns once it is durable (see {@link #appendAsync}); with {@code always} the fsync runs
     * in the calling thread.
     *
     * @throws CommandException 48 when the journal cannot be written or fsync'd (do not acknowledge)
     */
    public AppendResult append(BufferKey key, String text, int rows) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return append(key, b, b.length, rows);
    }

    /** {@link #append(BufferKey, String, int)} for rows already in UTF-8: {@code text[0, len)}. */
    public AppendResult append(BufferKey key, byte[] text, int len, int rows) {
        Recorded r = record(key, text, len, rows, null, true);
        try {
            journal.awaitDurable(r.segment, r.pos);
        } catch (IOException e) {
            storage.writeFailed("journal of " + key, e);
            throw journalError(key, e);
        }
        if (r.segment != null) {
            storage.writeSucceeded();
        }
        return r.result;
    }

    /**
     * Appends {@code text} (rows joined with {@code \n}; a trailing newline is dropped) to the buffer {@code key}.
     * The future completes — and only then may the sender be acknowledged — once the rows are durable: journal
     * fsync ({@code always}/{@code group}), or immediately ({@code none}). It carries the hash of a file flushed by
     * this append's threshold, else {@code 0} (always {@code 0} when a flusher cuts the files). It fails with a {@link CommandException} 48 on a journal error.
     * It may complete on the journal's commit thread: chain heavy work with {@code …Async}.
     */
    public CompletableFuture<AppendResult> appendAsync(BufferKey key, String text, int rows) {
        return appendAsync(key, text, rows, null);
    }

    /**
     * {@link #appendAsync(BufferKey, String, int)} with a delivery mark written in the same journal record as the rows
     * (see {@code journal.DeliveryMarks}); at the flush the marks go to the {@link MarkSink} before the segment is
     * deleted. Null: no mark.
     */
    public CompletableFuture<AppendResult> appendAsync(BufferKey key, String text, int rows, byte[] mark) {
        Recorded r;
        try {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            r = record(key, b, b.length, rows, mark, false);
        } catch (CommandException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> durable = journal.durable(r.segment, r.pos);
        if (durable.isDone() && !durable.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(r.result);
        }
        return durable.handle((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                storage.writeFailed("journal of " + key, cause);
                throw new CompletionException(journalError(key, cause));
            }
            storage.writeSucceeded();
            return r.result;
        });
    }

    /** A batch in the journal tail and in the buffer, not yet known to be durable. */
    private record Recorded(JournalSegment segment, long pos, AppendResult result) {
    }

    private static final Recorded NOTHING = new Recorded(null, 0, AppendResult.NOT_FLUSHED);

    /**
     * Steps 1–4 of INTAKE.md §6.3: journal record, buffer, threshold flush. Refused before anything is taken when the
     * rows' files could not be named or the disk is short of space.
     */
    private Recorded record(BufferKey key, byte[] bytes, int length, int rows, byte[] mark, boolean flushHere) {
        if (closed) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Streaming buffers are closed");
        }
        int len = length;
        while (len > 0 && bytes[len - 1] == '\n') {
            len--;
        }
        if (len == 0) {
            return NOTHING;
        }
        FileNameLimit.check(key);
        storage.checkIntake();
        StreamingBuffer b = buffers.computeIfAbsent(key, k -> new StreamingBuffer(k, counters.of(k)));
        long now = clock.millis();
        JournalSegment segment;
        long pos;
        FlushedFile flushed = null;
        synchronized (b) {
            settle(b);
            if (b.isEmpty()) {
                Thresholds t = thresholds.lookup(key.dbms(), key.table());
                if (mark == null && !key.isError() && len > t.volumeBytes()) {
                    // The batch alone crosses the volume threshold of an empty buffer: it is written straight to its
                    // file (fsync'd before the rename), which is as durable as the journal and saves a journal
                    // write, its fsync and its deletion (INTAKE.md §5.3 gives the same file).
                    flushed = files.write(key, bytes, len, rows);
                    b.counters.streamed(rows, now);
                    counters.lastFlushRows = rows;
                    notifyListener(flushed);
                    return new Recorded(null, 0, AppendResult.of(flushed));
                }
                try {
                    b.open(now, t, journal.openSegment(new SegmentHeader(key.toString(), key.isError(), now,
                            t.timeSeconds(), t.volumeBytes())));
                } catch (IOException e) {
                    storage.writeFailed("journal of " + key, e);
                    throw journalError(key, e);
                }
            }
            segment = b.segment();
            if (mark == null || segment == null) {
                pos = journal.append(segment, bytes, 0, len);
            } else {
                byte[] p = io.edgepublisher.streamer.journal.DeliveryMarks.payload(bytes, len, mark);
                pos = journal.append(segment, p, 0, p.length);
            }
            b.add(bytes, len, rows, pos, mark);
            b.counters.streamed(rows, now);
            // a buffer waiting for its source's confirmation is cut by cutWaiting (or the tick), not at every append:
            // the records just appended are never confirmed yet
            if (b.thresholdReached(now) && !b.waiting) {
                if (flushHere || flusher == null) {
                    try {
                        flushed = flushLocked(b);
                    } catch (CommandException e) {
                        // Reported by flushLocked; the durable rows stay buffered and journaled, the next trigger
                        // retries.
                    }
                } else {
                    flushLater(b);
                }
            }
        }
        notifyListener(flushed);
        return new Recorded(segment, pos, AppendResult.of(flushed));
    }

    /**
     * Under the buffer's lock: drops the rows of batches whose journal write failed (their senders got an error), and
     * deletes the segment of a buffer that this emptied.
     */
    private void settle(StreamingBuffer b) {
        b.settle();
        if (b.isEmpty() && b.segment() != null) {
            try {
                journal.discard(b.segment());
            } catch (IOException e) {
                LOG.warn("Cannot delete the journal segment {} of a buffer whose writes all failed ({}); recovery will"
                        + " find it empty or torn", b.segment(), PathText.reason(e));
            }
            b.reset();
        }
    }

    /**
     * REST PUT {@code mode: file} (REST.md §6.3): writes {@code content} verbatim as
     * {@code <dbms>.<table>.<source>.<hash>.<instructions>.json} into the watch dir (prep, fsync, rename, dir fsync).
     *
     * @throws CommandException 48 when the file cannot be written
     */
    public FlushedFile putFile(BufferKey key, String content, int rows) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return putFile(key, b, b.length, rows);
    }

    /** {@link #putFile(BufferKey, String, int)} for content already in UTF-8: {@code content[0, len)}. */
    public FlushedFile putFile(BufferKey key, byte[] content, int len, int rows) {
        FileNameLimit.check(key);
        storage.checkIntake();
        FlushedFile f = files.write(key, content, len, rows);
        counters.of(key).putFile(rows, clock.millis());
        notifyListener(f);
        return f;
    }

    /**
     * REST PUT {@code mode: file} of a large body, whose content was written and fsync'd as {@code written} in the
     * prep dir: renamed into the watch dir as {@code <dbms>.<table>.<source>.<hash>.<instructions>.json}.
     *
     * @throws CommandException 48 when the file cannot be placed ({@code written} is left to the caller)
     */
    public FlushedFile putFile(BufferKey key, Path written, String hash, int rows) {
        FileNameLimit.check(key);
        storage.checkIntake();
        FlushedFile f = files.place(key, written, hash, rows);
        counters.of(key).putFile(rows, clock.millis());
        notifyListener(f);
        return f;
    }

    /**
     * REST PUT {@code mode: streaming} of a batch too large to be held in memory: its rows, written and fsync'd as
     * {@code written} in the prep dir, become a file of their own, after the rows already in the buffer have been
     * flushed to theirs (so the order of rows within a buffer's files is kept). Durable when this returns: the
     * reply carries the batch file's hash.
     *
     * @throws CommandException 48 when the buffer or the batch cannot be flushed: the batch is not stored
     */
    public AppendResult appendFile(BufferKey key, Path written, String hash, int rows) {
        if (closed) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Streaming buffers are closed");
        }
        FileNameLimit.check(key);
        storage.checkIntake();
        StreamingBuffer b = buffers.computeIfAbsent(key, k -> new StreamingBuffer(k, counters.of(k)));
        FlushedFile before = null;
        FlushedFile f;
        synchronized (b) {
            settle(b);
            if (!b.isEmpty()) {
                // null when the buffer waits for its records' sources to confirm them: the batch's file then
                // comes before the buffer's
                before = flushLocked(b);
            }
            f = files.place(key, written, hash, rows);
            b.counters.streamed(rows, clock.millis());
            counters.lastFlushRows = rows;
        }
        notifyListener(before);
        notifyListener(f);
        return AppendResult.of(f);
    }

    /**
     * Where the threshold flushes of {@link #appendAsync} run (null: in the appending thread, as {@link #append}
     * always does). A flush writes and fsyncs a file and retires a journal segment; in the appending thread it would
     * stop a message source for that long, while its rows are durable in the journal already.
     */
    public void setFlusher(Executor flusher) {
        this.flusher = flusher;
    }

    /** Under the buffer's lock: one flush of {@code b} is queued on the flusher; it flushes if still due. */
    private void flushLater(StreamingBuffer b) {
        if (b.flushQueued) {
            return;
        }
        b.flushQueued = true;
        try {
            flusher.execute(() -> {
                FlushedFile f = null;
                synchronized (b) {
                    b.flushQueued = false;
                    settle(b);
                    if (!closed && !b.isEmpty() && b.thresholdReached(clock.millis())) {
                        try {
                            f = flushLocked(b);
                        } catch (CommandException e) {
                            // reported by flushLocked; the rows stay buffered and journaled, the next trigger retries
                        }
                    }
                }
                notifyListener(f);
            });
        } catch (RejectedExecutionException e) {
            b.flushQueued = false; // shutting down: the final flush takes the rows
        }
    }

    /**
     * A source confirmed records (a Kafka commit the broker answered): cuts, on the caller's thread, the buffers whose
     * cut waited for that ({@link #mayCut}). Called by the committing thread right after the confirmation, before it
     * appends more records, so the cut finds them all confirmed; a buffer that still holds unconfirmed records of
     * another thread waits for that thread's confirmation.
     */
    public void cutWaiting() {
        for (StreamingBuffer b : buffers.values()) {
            FlushedFile f = null;
            synchronized (b) {
                if (!b.waiting || closed) {
                    continue;
                }
                settle(b);
                if (!b.isEmpty()) {
                    try {
                        f = flushLocked(b);
                    } catch (CommandException e) {
                        // reported by flushLocked; the rows stay buffered and journaled, the tick retries
                    }
                }
            }
            notifyListener(f);
        }
    }

    /** Time thresholds: the streamer thread calls this at least once per second. */
    public void tick(long nowMs) {
        for (StreamingBuffer b : buffers.values()) {
            FlushedFile f = null;
            synchronized (b) {
                settle(b);
                if (!b.isEmpty() && b.thresholdReached(nowMs) && nowMs >= b.retryAtMs) {
                    try {
                        f = flushLocked(b);
                    } catch (CommandException e) {
                        // reported once by the storage guard; retried in a second, not on every tick
                        b.retryAtMs = nowMs + RETRY_MS;
                    }
                }
            }
            notifyListener(f);
        }
    }

    /**
     * {@code flush buffers}: every non-empty buffer, now. Returns when the files are in the watch dir.
     *
     * @throws CommandException 48 after trying every buffer, when at least one could not be written
     */
    public List<FlushedFile> flushAll() {
        List<FlushedFile> files = new ArrayList<>();
        CommandException first = null;
        for (StreamingBuffer b : buffers.values()) {
            FlushedFile f = null;
            synchronized (b) {
                settle(b);
                if (!b.isEmpty()) {
                    try {
                        f = flushLocked(b);
                    } catch (CommandException e) {
                        first = first == null ? e : first;
                    }
                }
            }
            if (f != null) {
                files.add(f);
                notifyListener(f);
            }
        }
        if (!files.isEmpty()) {
            counters.lastFlushRows = files.stream().mapToLong(FlushedFile::rows).sum();
        }
        if (first != null) {
            throw first;
        }
        return files;
    }

    /**
     * Flush procedure of INTAKE.md §5.4, under the buffer's lock. Returns null when nothing was left to flush (every
     * batch's journal write failed).
     *
     * @throws CommandException 48 when the journal or the file cannot be written: nothing is left behind, and the
     *     buffer keeps its durable rows for the next try
     */
    private FlushedFile flushLocked(StreamingBuffer b) {
        BufferKey key = b.key;
        if (!mayCut(b)) {
            return null;
        }
        try {
            // Journal and file must hold the same rows, or recovery after a crash right after the rename would
            // rebuild a different file under another hash and deliver its rows twice. Rows whose journal write
            // fails here were never acknowledged: they leave the buffer (settle) instead of reaching a file, and
            // what stays is exactly the durable part of the segment, so the flush goes on with it.
            journal.syncAll(b.segment());
        } catch (IOException e) {
            storage.writeFailed("journal of " + key, e);
        }
        settle(b);
        if (b.isEmpty()) {
            return null;
        }
        FlushedFile f = files.write(key, b.text(), b.length(), b.rows());
        boolean keepSegment = false;
        if (!b.marks().isEmpty()) {
            try {
                markSink.persist(b.marks());
            } catch (IOException | RuntimeException e) {
                // The segment still holds the marks: recovery finds the file flushed and persists them then.
                LOG.error("Delivery marks of {} not saved ({}); keeping its journal segment", key, e.toString());
                keepSegment = true;
            }
        }
        try {
            if (keepSegment) {
                journal.closeSegment(b.segment());
            } else {
                journal.retire(b.segment());
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete journal segment of {} ({}); recovery will find its file flushed", key, e.toString());
        }
        counters.lastFlushRows = b.rows();
        b.reset();
        return f;
    }

    /**
     * Under the buffer's lock: false while a record of the buffer waits for its source to confirm it (a Kafka offset
     * whose commit the broker has not confirmed, docs/SCALING.md): a file cannot be taken back, the journal can. The
     * wait is bounded: a buffer grown past four times its volume threshold (at least {@value #HOLD_MIN_BYTES} bytes)
     * is cut anyway, with a warning.
     */
    private boolean mayCut(StreamingBuffer b) {
        if (b.marks().isEmpty() || markSink.ready(b.marks())) {
            if (b.waiting) {
                LOG.debug("Buffer {}: its records are confirmed by their source, the file is cut", b.key);
            }
            return true;
        }
        long cap = Math.max(HOLD_MIN_BYTES, 4L * b.thresholds().volumeBytes());
        if (b.length() > cap) {
            LOG.warn("Buffer {} holds {} bytes, more than {} while waiting for its source to confirm its records"
                + " (Kafka commits failing?): cut now; those records may be stored twice if the node dies before"
                + " they are committed", b.key, b.length(), cap);
            return true;
        }
        if (!b.waiting) {
            b.waiting = true;
            LOG.debug("Buffer {}: the file waits until its records are confirmed by their source", b.key);
        }
        return false;
    }

    private static final long HOLD_MIN_BYTES = 16L << 20;

    private void notifyListener(FlushedFile f) {
        if (f == null || f.key().isError()) {
            return;
        }
        try {
            listener.onFileFlushed(f.path(), f.hash(), f.rows());
        } catch (RuntimeException e) {
            LOG.warn("Flush listener failed for {}: {}", f.name(), e.toString());
        }
    }

    /**
     * Journal recovery at boot (INTAKE.md §6.4), before any data is accepted: every segment becomes its file now,
     * unless that file is already in the watch (or error) dir.
     */
    public RecoveryReport recover() throws IOException {
        List<Path> hold = new ArrayList<>();
        RecoveryReport r = JournalRecovery.run(journal.readSegments(), dirs, this::notifyListener, markSink,
            recoveryFilter, hold);
        synchronized (held) {
            held.addAll(hold);
        }
        if (!hold.isEmpty()) {
            LOG.warn("Journal recovery: holding {} journal segments without a file: they hold records whose"
                + " acknowledgement to their source is not confirmed (Kafka: resolved when the consumer of their group"
                + " runs and reaches the broker)", hold.size());
        }
        return r;
    }

    /**
     * Recovers the journal segments held at boot again, now that their source may have settled their records (see
     * {@link RecoveryFilter#hold}); those still held stay. Returns how many are still held.
     */
    public int recoverHeld() throws IOException {
        synchronized (held) {
            if (held.isEmpty()) {
                return 0;
            }
            List<io.edgepublisher.streamer.journal.RecoveredSegment> segments = new ArrayList<>();
            for (Path p : held) {
                journal.readSegment(p).ifPresent(segments::add);
            }
            List<Path> still = new ArrayList<>();
            RecoveryReport r = JournalRecovery.run(segments, dirs, this::notifyListener, markSink, recoveryFilter,
                still);
            held.clear();
            held.addAll(still);
            held.addAll(r.failed());
            return held.size();
        }
    }

    /** Journal segments held since boot (see {@link #recoverHeld}). */
    public int heldSegments() {
        synchronized (held) {
            return held.size();
        }
    }

    /** {@code get streaming} rows, one per {@code dbms.table} seen since start, sorted. */
    public List<TableStatistics> statistics(long nowMs) {
        settleAll();
        return counters.statistics(buffers.values(), thresholds, nowMs);
    }

    /** Applies the outcome of journal writes to every buffer, so counts leave out rows whose write failed. */
    private void settleAll() {
        for (StreamingBuffer b : buffers.values()) {
            synchronized (b) {
                settle(b);
            }
        }
    }

    /** Rows currently buffered, over all buffers. */
    public long bufferedRows() {
        long n = 0;
        for (StreamingBuffer b : buffers.values()) {
            synchronized (b) {
                settle(b);
                n += b.rows();
            }
        }
        return n;
    }

    /** Rows written by the last flush ({@code Flushed Rows} of {@code get streaming config}). */
    public long lastFlushRows() {
        return counters.lastFlushRows;
    }

    /**
     * Shutdown: flushes every buffer; a buffer that cannot be flushed keeps its journal segment for the next boot.
     */
    @Override
    public void close() {
        closed = true;
        try {
            flushAll();
        } catch (CommandException e) {
            LOG.error("Some buffers could not be flushed at shutdown; their journal segments are kept");
        }
        for (StreamingBuffer b : buffers.values()) {
            synchronized (b) {
                if (!b.isEmpty()) {
                    try {
                        journal.closeSegment(b.segment());
                    } catch (IOException e) {
                        LOG.error("Journal segment of {} could not be synced: {}", b.key, e.toString());
                    }
                }
            }
        }
        journal.close();
    }

    private static CommandException journalError(BufferKey key, Throwable e) {
        return new CommandException(ErrorCode.FILE_WRITE, "Failed to write the intake journal for " + key + ": "
                + PathText.reason(e), e);
    }
}
