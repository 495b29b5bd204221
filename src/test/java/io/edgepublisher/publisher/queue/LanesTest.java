package io.edgepublisher.publisher.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PUBLISHER.md §5.6 on the lanes alone: per-table order, {@code threads}, claims ahead. */
class LanesTest {

    private static List<String> names(List<QueuedFile> files) {
        return files.stream().map(f -> f.file.table() + f.fileTime).toList();
    }

    @Test
    void aTableStartsItsFilesOneAfterTheOtherInFirstSeenOrder() {
        Lanes lanes = new Lanes(4);
        QueuedFile a2 = QueueFiles.file("a", 2, 2);
        QueuedFile a1 = QueueFiles.file("a", 1, 1);
        for (QueuedFile f : List.of(a2, a1)) {
            lanes.joined(f);
            lanes.ready(f);
        }
        assertEquals(List.of("a1", "a2"), names(lanes.claim()), "oldest first-seen first");
        lanes.committed(a2, () -> { });
        assertEquals(List.of(), lanes.admit(), "a2 waits for a1, claimed before it");
        lanes.committed(a1, () -> { });
        assertEquals(List.of("a1"), names(lanes.admit()));
        assertEquals(List.of(), lanes.admit(), "one transfer per table at a time");
        lanes.transferEnded(a1);
        assertEquals(List.of("a2"), names(lanes.admit()));
        assertEquals(FileState.SENDING, a2.state);
    }

    @Test
    void tablesRunInParallelUpToThreadsAndIdleTablesAreClaimedFirst() {
        Lanes lanes = new Lanes(2);
        for (String t : List.of("a", "b", "c")) {
            for (int i = 0; i < 6; i++) {
                QueuedFile f = QueueFiles.file(t, i, 10 * i + t.charAt(0));
                lanes.joined(f);
                lanes.ready(f);
            }
        }
        List<QueuedFile> claimed = lanes.claim();
        assertEquals(8, claimed.size(), "threads × 4 claims");
        assertEquals(List.of("a97", "b98", "c99"), names(claimed.subList(0, 3)), "one per table first");
        claimed.forEach(f -> lanes.committed(f, () -> { }));
        List<QueuedFile> started = lanes.admit();
        assertEquals(List.of("a97", "b98"), names(started), "threads = 2, oldest heads first");
        assertEquals(2, lanes.inFlight());
        lanes.transferEnded(started.get(0));
        assertEquals(List.of("c99"), names(lanes.admit()), "the oldest head of a table that is not sending");
    }

    @Test
    void anUnclaimedOrLeavingFileFreesItsClaim() {
        Lanes lanes = new Lanes(1);
        QueuedFile a = QueueFiles.file("a", 1, 1);
        QueuedFile b = QueueFiles.file("a", 2, 2);
        for (QueuedFile f : List.of(a, b)) {
            lanes.joined(f);
            lanes.ready(f);
        }
        lanes.claim();
        assertEquals(2, lanes.claims());
        lanes.unclaim(a);
        lanes.committed(b, () -> { });
        assertEquals(List.of(b), lanes.admit(), "the next claim of the table starts once the earlier one left");
        lanes.left(b);
        lanes.left(a);
        assertEquals(0, lanes.inFlight());
        assertEquals(0, lanes.all().size(), "an idle table is forgotten");
    }
}
