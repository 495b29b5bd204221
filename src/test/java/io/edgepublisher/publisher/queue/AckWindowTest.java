package io.edgepublisher.publisher.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ack_wait} window alone: due files in deadline order, files that left it are skipped. */
class AckWindowTest {
    @Test
    void dueFilesComeOutByDeadlineAndFilesThatLeftAreSkipped() {
        AckWindow w = new AckWindow();
        QueuedFile a = QueueFiles.file("t", 1, 0);
        QueuedFile b = QueueFiles.file("t", 2, 0);
        QueuedFile c = QueueFiles.file("t", 3, 0);
        for (QueuedFile f : List.of(a, b, c)) {
            f.state = FileState.SENT;
        }
        w.open(b, 200);
        w.open(a, 100);
        w.open(c, 300);
        assertEquals(100, w.next());
        assertEquals(List.of(), w.due(99));
        b.state = FileState.BACKOFF; // an echo failed it meanwhile
        assertEquals(List.of(a), w.due(250));
        assertEquals(300, w.next());
        c.state = FileState.SENT;
        w.open(c, 400); // reopened (acceptance retried): the older entry no longer counts
        assertEquals(List.of(), w.due(350));
        assertEquals(List.of(c), w.due(400));
        assertEquals(-1, w.next());
    }
}
