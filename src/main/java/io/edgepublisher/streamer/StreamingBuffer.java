package io.edgepublisher.streamer;

import io.edgepublisher.streamer.journal.JournalSegment;
import java.util.Arrays;

/**
 * The state of one buffer (INTAKE.md §5.1), guarded by its own monitor: the UTF-8 text (rows joined with {@code \n},
 * never ending with one), row count, open time, thresholds recorded at open, and the journal segment. Keeping bytes
 * rather than a String means the journal record, the size check, the hash and the file all use one encoding.
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
    private java.util.List<byte[]> marks;

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

    void add(byte[] batch, int len, int batchRows) {
        int need = length + len + (length > 0 ? 1 : 0);
        if (need > text.length) {
            text = Arrays.copyOf(text, Math.max(need, text.length * 2));
        }
        if (length > 0) {
            text[length++] = '\n';
        }
        System.arraycopy(batch, 0, text, length, len);
        length += len;
        rows += batchRows;
    }

    /** Volume: the UTF-8 size is greater than the threshold. Time: at least the threshold since open. */
    boolean thresholdReached(long nowMs) {
        return length > thresholds.volumeBytes() || nowMs - openMs >= thresholds.timeSeconds() * 1000L;
    }

    boolean timeReached(long nowMs) {
        return length > 0 && nowMs - openMs >= thresholds.timeSeconds() * 1000L;
    }

    /** Remembers the delivery mark of a record of this buffer's segment. */
    void mark(byte[] m) {
        if (marks == null) {
            marks = new java.util.ArrayList<>();
        }
        marks.add(m);
    }

    java.util.List<byte[]> marks() {
        return marks == null ? java.util.List.of() : marks;
    }

    /** Empties the buffer after a successful flush; the next rows open it again. */
    void reset() {
        marks = null;
        length = 0;
        rows = 0;
        segment = null;
        thresholds = null;
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
