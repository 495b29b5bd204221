package io.edgepublisher.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.testing.LogCapture;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PUBLISHER.md §5.3–5.5, §9: outages, pinning, echoes, retry limit, restart, vanished and unreadable files. */
class FailureRecoveryTest {
    /** The operator outage of the mid-stream test; CI uses the 30 s, -Dep.test.outageSeconds shortens it. */
    static final int OUTAGE_SECONDS = Integer.getInteger("ep.test.outageSeconds", 30);

    @TempDir
    Path tmp;

    static String content(int i, int size) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append("{\"i\": ").append(i).append(", \"pad\": \"").append("x".repeat(60)).append("\"}\n");
        }
        return sb.toString();
    }

    static String name(String dbms, String table, String content) {
        return dbms + "." + table + ".0." + DataHash.md5(dbms, table, content.getBytes(StandardCharsets.UTF_8))
            + ".0.json";
    }

    static String hash(String dbms, String table, String content) {
        return DataHash.md5(dbms, table, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void operatorDownMidStreamLosesNothingAndTheBacklogDrains() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, Dialect.SQLITE,
                 c -> c.withRetry(Duration.ofMillis(200), Duration.ofSeconds(2), 0), QueueEvents.NONE)) {
            h.distribution.set("mydb", "*", List.of(sink.address().toString()));
            h.start();
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                String c = content(i, 3000);
                String t = i % 2 == 0 ? "a" : "b";
                h.drop(name("mydb", t, c), c);
                expected.add(name("mydb", t, c));
            }
            assertTrue(sink.awaitFiles(20, Duration.ofSeconds(20)));
            // The operator dies: transfers in flight are reset. (A polite close after the last frame would look like
            // an accepted file to any EdgeLake sender, PUBLISHER.md §5.4; the operator's close means "stored".)
            sink.crash();
            long down = System.nanoTime();
            for (int i = 60; i < 120; i++) {
                String c = content(i, 3000);
                String t = i % 2 == 0 ? "a" : "b";
                h.drop(name("mydb", t, c), c);
                expected.add(name("mydb", t, c));
            }
            Thread.sleep(Math.max(0, OUTAGE_SECONDS * 1000L - (System.nanoTime() - down) / 1_000_000));
            assertTrue(Harness.listing(h.watch).size() >= 60, "the backlog waits in the watch dir");
            sink.start();
            boolean all = Harness.await(() -> received(sink).keySet().containsAll(expected), Duration.ofSeconds(60));
            assertTrue(all, () -> "every file arrives after the outage; received " + received(sink).size()
                + ", queue " + h.run.queue().snapshot() + ", rows " + h.rowsQuietly().stream()
                .filter(r -> !"delivered".equals(r.status2())).toList());
            assertTrue(Harness.await(() -> Harness.listing(h.watch).isEmpty(),
                Duration.ofSeconds(30)), "the backlog drains");
            Map<String, Integer> got = received(sink);
            assertEquals(expected, got.keySet(), "no unexpected file");
            long duplicates = got.values().stream().filter(n -> n > 1).count();
            // At-least-once: only a transfer cut by the outage itself may arrive twice (an operator with
            // update_tsd_info rejects that copy by its hash); never more than the transfers in flight then.
            assertTrue(duplicates <= h.config.threads(), "duplicates: " + duplicates);
            for (TsdRow r : h.rows()) {
                assertEquals("delivered", r.status2(), r.toString());
            }
            assertEquals(120, h.rows().size());
        }
    }

    static Map<String, Integer> received(OperatorSink sink) {
        Map<String, Integer> out = new HashMap<>();
        for (ReceivedFile f : sink.files()) {
            out.merge(f.name(), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void anOperatorThatDropsTheConnectionMidTransferGetsThePinnedRetry() throws Exception {
        try (OperatorSink a = OperatorSink.builder().build().start();
             OperatorSink b = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE)) {
            h.distribution.set("mydb", "sensor", List.of(a.address().toString(), b.address().toString()));
            a.dropConnections(2, 1);
            h.start();
            String c = content(1, 5000);
            h.drop(name("mydb", "sensor", c), c);
            assertTrue(a.awaitFile(name("mydb", "sensor", c), Duration.ofSeconds(20)).isPresent());
            assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash("mydb", "sensor", c))),
                Duration.ofSeconds(10)));
            assertEquals(0, b.files().size(), "pinned: never re-routed to the other operator");
            assertEquals(3, a.connections(), "two reset attempts, then the successful one");
            assertEquals(a.address().toString(), h.row(hash("mydb", "sensor", c)).status1());
        }
    }

    @Test
    void anEchoNamingTheFileReleasesThePinAndTheFileIsSentAgain() throws Exception {
        try (OperatorSink a = OperatorSink.builder().build().start();
             OperatorSink b = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, Dialect.SQLITE, c -> c.withAckWait(Duration.ofSeconds(3)),
                 QueueEvents.NONE)) {
            h.distribution.set("mydb", "sensor", List.of(a.address().toString(), b.address().toString()));
            a.rejectFiles(n -> true, 74, "Watch Directory not defined");
            h.start();
            String c = content(1, 100);
            String n = name("mydb", "sensor", c);
            h.drop(n, c);
            assertTrue(b.awaitFile(n, Duration.ofSeconds(20)).isPresent(), "re-routed to the next operator");
            assertEquals(1, a.refusedFiles().size());
            assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash("mydb", "sensor", c))),
                Duration.ofSeconds(10)));
            assertEquals(b.address().toString(), h.row(hash("mydb", "sensor", c)).status1());
            assertTrue(h.run.stats().rows().stream().anyMatch(r -> r.dest().equals(a.address().toString())
                && r.errors() == 1 && r.lastError().contains("Watch Directory not defined")));
        }
    }

    @Test
    void retryLimitMovesTheFileToTheErrorDirWithTheLastCode() throws Exception {
        int port;
        try (OperatorSink probe = OperatorSink.builder().build().start()) {
            port = probe.port();
        }
        try (Harness h = new Harness(tmp, Dialect.SQLITE, c -> c.withRetry(Duration.ofMillis(50),
            Duration.ofMillis(100), 2), QueueEvents.NONE)) {
            h.distribution.set("mydb", "sensor", List.of("127.0.0.1:" + port));
            h.start();
            String c = content(1, 100);
            h.drop(name("mydb", "sensor", c), c);
            assertTrue(Harness.await(() -> !Harness.listing(h.err).isEmpty(), Duration.ofSeconds(20)));
            String err = Harness.listing(h.err).keySet().iterator().next();
            assertTrue(err.matches("mydb\\.sensor\\.0\\.[0-9a-f]{32}\\.0\\.err_208\\.\\d+\\.json"), err);
            assertTrue(Harness.await(() -> h.status2(hash("mydb", "sensor", c)).startsWith("error"),
                Duration.ofSeconds(5)));
            assertEquals("error 208: Network connection to peer refused",
                h.status2(hash("mydb", "sensor", c)));
            assertEquals(3, h.run.stats().totalErrors(), "two failed attempts and the move");
        }
    }

    @Test
    void aRestartResumesAPinnedFileToItsOperator() throws Exception {
        try (OperatorSink a = OperatorSink.builder().build().start();
             OperatorSink b = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, Dialect.SQLITE, c -> c.withRetry(Duration.ofSeconds(1),
                 Duration.ofSeconds(1), 0), QueueEvents.NONE)) {
            h.distribution.set("mydb", "sensor", List.of(a.address().toString(), b.address().toString()));
            a.dropConnections(1000, 1);
            h.start();
            String c = content(1, 5000);
            String hash = hash("mydb", "sensor", c);
            h.drop(name("mydb", "sensor", c), c);
            assertTrue(Harness.await(() -> h.status2(hash).startsWith("failed pinned"), Duration.ofSeconds(10)));
            h.stopRun();
            assertEquals(a.address().toString(), h.row(hash).status1());
            a.dropConnections(0, 0);
            h.distribution.set("mydb", "sensor", List.of(b.address().toString(), a.address().toString()));
            h.start();
            assertTrue(a.awaitFile(name("mydb", "sensor", c), Duration.ofSeconds(20)).isPresent());
            assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash)), Duration.ofSeconds(10)));
            assertEquals(0, b.files().size(), "the pin survived the restart");
        }
    }

    @Test
    void aFileThatVanishesLeavesTheQueueWithItsRowMarked() throws Exception {
        try (Harness h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE)) {
            h.start();
            String c = content(1, 100);
            Path p = h.drop(name("mydb", "sensor", c), c);
            assertTrue(Harness.await(() -> h.status2(hash("mydb", "sensor", c)).startsWith("no route"),
                Duration.ofSeconds(10)));
            Files.delete(p);
            assertTrue(Harness.await(() -> "vanished".equals(h.status2(hash("mydb", "sensor", c))),
                Duration.ofSeconds(10)));
            assertEquals(0, h.run.queue().size());
        }
    }

    @Test
    void anUnreadableFileStaysAndIsDeliveredOnceItCanBeRead() throws Exception {
        try (OperatorSink a = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE)) {
            h.distribution.set("mydb", "sensor", List.of(a.address().toString()));
            h.start();
            String c = content(1, 100);
            String n = name("mydb", "sensor", c);
            // A symbolic link to itself cannot be read, not even by root.
            Path p = h.watch.resolve(n);
            try (LogCapture log = new LogCapture("io.edgepublisher.publisher")) {
                Files.createSymbolicLink(p, p.getFileName());
                h.run.nodeFile(p, -1);
                assertTrue(Harness.await(() -> log.lines().stream().anyMatch(l -> l.startsWith("File " + n
                    + " could not be read")), Duration.ofSeconds(10)), "the intake tried the file: " + log.lines());
            }
            assertEquals(0, a.files().size());
            assertTrue(Files.isSymbolicLink(p), "left in place");
            Files.delete(p);
            Files.writeString(h.prep.resolve(n), c);
            Files.move(h.prep.resolve(n), p);
            assertTrue(a.awaitFile(n, Duration.ofSeconds(10)).isPresent());
        }
    }
}
