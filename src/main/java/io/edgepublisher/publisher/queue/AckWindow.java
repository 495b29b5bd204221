package io.edgepublisher.publisher.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Files in their {@code ack_wait} window (PUBLISHER.md §5.4), by deadline. Only a deadline and a reference per file:
 * a window of 50,000 files (5,000 files/s × 10 s) costs a few MB, where 50,000 exchanges parked in a delay would
 * cost over 100 MB. Not thread-safe: called with the {@link DeliveryQueue}'s lock held.
 */
final class AckWindow {
    private record Entry(long deadline, QueuedFile file) {
    }

    private final PriorityQueue<Entry> entries = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));

    void open(QueuedFile f, long deadline) {
        f.ackDeadline = deadline;
        entries.add(new Entry(deadline, f));
    }

    /** Files whose window ended at {@code now}; entries of files that left the window meanwhile are dropped. */
    List<QueuedFile> due(long now) {
        List<QueuedFile> out = new ArrayList<>();
        while (!entries.isEmpty() && entries.peek().deadline <= now) {
            Entry e = entries.poll();
            if (e.file.state == FileState.SENT && e.file.ackDeadline == e.deadline) {
                out.add(e.file);
            }
        }
        return out;
    }

    /** The earliest deadline, or -1 when the window is empty. */
    long next() {
        Entry e = entries.peek();
        return e == null ? -1 : e.deadline;
    }

    int size() {
        return entries.size();
    }
}
