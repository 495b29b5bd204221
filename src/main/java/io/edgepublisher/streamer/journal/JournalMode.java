package io.edgepublisher.streamer.journal;

import java.util.Locale;

/**
 * {@code EP_JOURNAL_SYNC} (CONFIG.md §2.9, INTAKE.md §6). What each mode costs:
 * <ul>
 * <li>{@code always} (default): no acknowledgement before an {@code fdatasync} that started after the record was
 * written. The blocking append fsyncs in the calling thread; the asynchronous append hands the fsync to the commit
 * thread, which syncs at once whatever is pending. Concurrent appenders therefore share fsyncs, but a lone producer
 * that waits for each acknowledgement pays a full device flush per message (≈0.05–0.5 ms on SSD/NVMe, several ms on
 * spinning disks or networked storage). Ideal for REST batches, where one fsync covers thousands of rows.</li>
 * <li>{@code group:<ms>}: a background thread fsyncs every segment with pending records at most {@code <ms>} ms after
 * the first of them arrived; all appenders of that window are acknowledged together. Adds up to {@code <ms>} ms of
 * acknowledgement latency, in exchange for about one fsync per segment per window — the mode for many small MQTT
 * messages (e.g. {@code group:5}). The guarantee is unchanged: nothing is acknowledged before it is on disk.</li>
 * <li>{@code none}: no journal, no fsync, acknowledgements do not wait; rows still buffered are lost on a crash or
 * power loss, exactly as on EdgeLake. Cheapest; only for data that may be lost.</li>
 * </ul>
 * Every mode except {@code none} also fsyncs the segment once more before a flush (so the journal and the flushed file
 * agree, INTAKE.md §6.4) and fsyncs the journal directory when a segment is created.
 */
public record JournalMode(Kind kind, long groupMillis) {
    public enum Kind { ALWAYS, GROUP, NONE }

    public static final JournalMode ALWAYS = new JournalMode(Kind.ALWAYS, 0);
    public static final JournalMode NONE = new JournalMode(Kind.NONE, 0);

    public static JournalMode group(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("group commit window must not be negative");
        }
        return new JournalMode(Kind.GROUP, millis);
    }

    /**
     * Parses {@code always}, {@code none} or {@code group:<ms>} (case-insensitive).
     *
     * @throws IllegalArgumentException with a message quoting the value
     */
    public static JournalMode parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("always")) {
            return ALWAYS;
        }
        if (t.equals("none")) {
            return NONE;
        }
        if (t.startsWith("group:")) {
            try {
                return group(Long.parseLong(t.substring(6).strip()));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("EP_JOURNAL_SYNC must be 'always', 'group:<ms>' or 'none', not '" + text + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.GROUP ? "group:" + groupMillis : kind.name().toLowerCase(Locale.ROOT);
    }
}
