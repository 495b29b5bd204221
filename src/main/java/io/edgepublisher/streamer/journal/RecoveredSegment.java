package io.edgepublisher.streamer.journal;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a segment holds after a crash (INTAKE.md §6.4): the header (null when even the header is torn), the buffer
 * text rebuilt from the complete records ({@code \n} between batches), its row count, and how many bytes of torn
 * or corrupt tail were ignored; {@code marks} are the delivery marks of the complete records, {@code entries} the
 * complete records one by one (their mark, null when unmarked, and their row text).
 */
public record RecoveredSegment(Path path, SegmentHeader header, byte[] text, int records, int rows,
        long discardedBytes, List<byte[]> marks, List<Entry> entries) {

    /** One complete journal record: its delivery mark (null: none) and its rows' text. */
    public record Entry(byte[] mark, byte[] text) {
    }

    /** True when there is something to flush. */
    public boolean hasData() {
        return header != null && records > 0;
    }

    /** The segment as if the records whose mark {@code drop} accepts had never been written (unmarked ones stay). */
    public RecoveredSegment without(Predicate<byte[]> drop) {
        List<Entry> kept = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (e.mark() == null || !drop.test(e.mark())) {
                kept.add(e);
            }
        }
        return kept.size() == entries.size() ? this : of(path, header, discardedBytes, kept);
    }

    /** Builds text, record and row counts and marks from the complete records. */
    static RecoveredSegment of(Path path, SegmentHeader header, long discardedBytes, List<Entry> entries) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<byte[]> marks = new ArrayList<>();
        int rows = 0;
        for (Entry e : entries) {
            if (e.mark() != null) {
                marks.add(e.mark());
            }
            if (rows > 0) { // not the first record
                text.write('\n');
            }
            text.writeBytes(e.text());
            rows++;
            for (byte b : e.text()) {
                if (b == '\n') {
                    rows++;
                }
            }
        }
        return new RecoveredSegment(path, header, text.toByteArray(), entries.size(), rows, discardedBytes, marks,
            entries);
    }
}
