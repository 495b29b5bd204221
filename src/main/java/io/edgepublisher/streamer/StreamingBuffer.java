package io.edgepublisher.streamer;

import io.edgepublisher.streamer.journal.JournalSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The state of one buffer (INTAKE.md §5.1), guarded by its own monitor: the UTF-8 text (rows joined with {@code \n},
 * never ending with one), row count, open time, thresholds recorded at open, and the journal segment. Keeping bytes
 * rather than a String means the journal record, the size check, the hash and the file all use one encoding.
 *
 * <p>Batches whose journal record is not known to be durable yet are tracked ({@link #add}); {@link #settle} drops the
 * rows of records whose journal write failed, so the buffer only ever holds rows that were, or will be, acknowledged.
 */
final class StreamingBuffer {
    final BufferKey key;
    final TableCounters counters;
    private byte[] text = new byte[1024];
    private int length;
    private int rows;
    private long openMs;
    private Thresholds thresholds;
    private JournalSegment segment;
    private List<byte[]> marks;
    /** A background threshold flush is queued (guarded by the monitor). */
    boolean flushQueued;
    /** A cut waits for its records' sources to confirm them (logged once per wait). */
    boolean waiting;
    /** After a failed time flush: the streamer's next try, not before (ms). */
    long retryAtMs;
    /** Batches of the segment whose outcome is not known yet, oldest first. */
    private final ArrayDeque<Batch> pending = new ArrayDeque<>();

    /** One appended batch: its journal position, where its rows sit in the text, and its delivery mark. */
    private static final class Batch {
        final long pos;
        int start; // index of its first byte in the text (after the separating \n)
        final int len;
        final int rows;
        final byte[] mark;

        Batch(long pos, int start, int len, int rows, byte[] mark) {
            this.pos = pos;
            this.start = start;
            this.len = len;
            this.rows = rows;
            this.mark = mark;
        }
    }

    StreamingBuffer(BufferKey key, TableCounters counters) {
        this.key = key;
        this.counters = counters;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** Records the open time and thresholds; called with the first rows. */
    void open(long nowMs, Thresholds t, JournalSegment s) {
        this.openMs = nowMs;
        this.thresholds = t;
        this.segment = s;
    }

    /**
     * Adds a batch whose journal record ends at {@code pos} (0 without a journal) and may carry a delivery mark.
     */
    void add(byte[] batch, int len, int batchRows, long pos, byte[] mark) {
        int need = length + len + (length > 0 ? 1 : 0);
        if (need > text.length) {
            text = Arrays.copyOf(text, Math.max(need, text.length * 2));
        }
        if (length > 0) {
            text[length++] = '\n';
        }
        int start = length;
        System.arraycopy(batch, 0, text, length, len);
        length += len;
        rows += batchRows;
        if (mark != null) {
            if (marks == null) {
                marks = new ArrayList<>();
            }
            marks.add(mark);
        }
        if (segment != null) {
            pending.add(new Batch(pos, start, len, batchRows, mark));
        }
    }

    /**
     * Applies the outcome of journal writes: durable batches are forgotten, failed ones leave the buffer (their senders
     * were told the rows are not stored). Returns the rows removed.
     */
    int settle() {
        if (pending.isEmpty()) {
            return 0;
        }
        boolean anyFailed = false;
        boolean prefix = true;
        for (Iterator<Batch> it = pending.iterator(); it.hasNext();) {
            Batch b = it.next();
            int s = segment.status(b.pos);
            if (s == JournalSegment.FAILED) {
                anyFailed = true;
                prefix = false;
            } else if (s == JournalSegment.DURABLE && prefix) {
                it.remove(); // a durable prefix: nothing before it can move any more
            } else {
                prefix = false;
            }
        }
        return anyFailed ? removeFailed() : 0;
    }

    /** Rebuilds the part of the text that holds pending batches, without the failed ones. */
    private int removeFailed() {
        Batch first = pending.peekFirst();
        int from = first.start == 0 ? 0 : first.start - 1; // include the separating \n
        byte[] kept = new byte[length - from];
        int keptLen = 0;
        int removedRows = 0;
        ArrayDeque<Batch> still = new ArrayDeque<>();
        for (Batch b : pending) {
            if (segment.status(b.pos) == JournalSegment.FAILED) {
                removedRows += b.rows;
                counters.unstreamed(b.rows);
                if (b.mark != null && marks != null) {
                    marks.removeIf(m -> m == b.mark);
                }
                continue;
            }
            boolean needsSeparator = from > 0 || keptLen > 0;
            if (needsSeparator) {
                kept[keptLen++] = '\n';
            }
            int newStart = from + keptLen;
            System.arraycopy(text, b.start, kept, keptLen, b.len);
            keptLen += b.len;
            b.start = newStart;
            if (segment.status(b.pos) != JournalSegment.DURABLE || !still.isEmpty()) {
                still.add(b);
            }
        }
        System.arraycopy(kept, 0, text, from, keptLen);
        length = from + keptLen;
        rows -= removedRows;
        pending.clear();
        pending.addAll(still);
        return removedRows;
    }

    /** Volume: the UTF-8 size is greater than the threshold. Time: at least the threshold since open. */
    boolean thresholdReached(long nowMs) {
        return length > thresholds.volumeBytes() || nowMs - openMs >= thresholds.timeSeconds() * 1000L;
    }

    boolean timeReached(long nowMs) {
        return length > 0 && nowMs - openMs >= thresholds.timeSeconds() * 1000L;
    }

    List<byte[]> marks() {
        return marks == null ? List.of() : marks;
    }

    /** Empties the buffer after a successful flush (or after every batch failed); the next rows open it again. */
    void reset() {
        marks = null;
        length = 0;
        rows = 0;
        segment = null;
        thresholds = null;
        pending.clear();
        retryAtMs = 0;
        waiting = false;
        if (text.length > 1 << 20) {
            text = new byte[1024]; // do not keep a huge array for an idle buffer
        }
    }

    byte[] text() {
        return text;
    }

    int length() {
        return length;
    }

    int rows() {
        return rows;
    }

    long openMs() {
        return openMs;
    }

    Thresholds thresholds() {
        return thresholds;
    }

    JournalSegment segment() {
        return segment;
    }
}
