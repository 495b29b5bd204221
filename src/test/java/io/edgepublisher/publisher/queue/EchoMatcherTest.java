package io.edgepublisher.publisher.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** PUBLISHER.md §5.4 on the matcher alone: which file an operator's echo names, and from whom it counts. */
class EchoMatcherTest {
    static final String DEST = "10.0.0.7:32148";
    final QueueState state = new QueueState();
    final EchoMatcher matcher = new EchoMatcher(state);

    QueuedFile queued(int i) {
        QueueState.Added[] why = new QueueState.Added[1];
        QueuedFile f = state.add(QueueFiles.prepared("t", i), 0, why);
        f.dest = DEST;
        return f;
    }

    @Test
    void anEchoNamesAFileByNameGzNameOrHashFromItsDestinationOnly() {
        QueuedFile f = queued(1);
        String text = "'File write' operation failed: /op/watch/" + f.name();
        assertEquals(f, ((EchoMatcher.Queued) matcher.match(DEST, null, text)).file());
        assertEquals(f, ((EchoMatcher.Queued) matcher.match(DEST, null, "failed: " + f.name() + ".gz")).file());
        assertEquals(f, ((EchoMatcher.Queued) matcher.match("", "10.0.0.7", "dup hash " + f.hash())).file(),
            "the socket peer's IP counts when the echo has no source port");
        assertNull(matcher.match("10.0.0.8:32148", "10.0.0.8", text), "another operator's echo");
        assertNull(matcher.match(DEST, null, "'File write' operation failed: other.json"));
    }

    @Test
    void anEchoAfterAcceptanceIsLateOnceAndKnowsTheKeptCopy() {
        QueuedFile f = queued(2);
        matcher.delivered(f);
        state.remove(f);
        matcher.kept(f.hash(), Path.of("/bkup/" + f.name()));
        EchoMatcher.Match m = matcher.match(DEST, null, "failed " + f.hash());
        EchoMatcher.Late late = assertInstanceOf(EchoMatcher.Late.class, m);
        assertEquals(Path.of("/bkup/" + f.name()), late.delivered().copy);
        assertNull(matcher.match(DEST, null, "failed " + f.hash()), "a late echo is acted on once");
    }
}
