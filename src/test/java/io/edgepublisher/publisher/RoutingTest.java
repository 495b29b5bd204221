package io.edgepublisher.publisher;

import static io.edgepublisher.publisher.testing.LedgerMetadata.cluster;
import static io.edgepublisher.publisher.testing.LedgerMetadata.operator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PUBLISHER.md §4: distribution keys, round robin, metadata routes, no-route waiting and timeout. */
class RoutingTest {
    @TempDir
    Path tmp;
    final List<OperatorSink> sinks = new ArrayList<>();
    Harness h;

    @BeforeEach
    void setUp() throws Exception {
        for (int i = 0; i < 4; i++) {
            sinks.add(OperatorSink.builder().build().start());
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
        sinks.forEach(OperatorSink::close);
    }

    String addr(int i) {
        return sinks.get(i).address().toString();
    }

    static String content(int i) {
        return "{\"i\": " + i + "}";
    }

    static String name(String dbms, String table, int i) {
        return dbms + "." + table + ".0." + DataHash.md5(dbms, table, content(i).getBytes(StandardCharsets.UTF_8))
            + ".0.json";
    }

    /** Drops files one after the other and returns the sink index each one reached, in order. */
    List<Integer> deliver(String dbms, String table, int from, int count) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            h.drop(name(dbms, table, i), content(i));
        }
        for (int i = from; i < from + count; i++) {
            String n = name(dbms, table, i);
            assertTrue(Harness.await(() -> receivers(n).size() == 1, Duration.ofSeconds(20)), n);
            out.add(receivers(n).get(0));
        }
        return out;
    }

    List<Integer> receivers(String name) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < sinks.size(); s++) {
            for (ReceivedFile f : sinks.get(s).files()) {
                if (f.name().equals(name)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Test
    void distributionKeysTableThenDbmsThenCatchAllWithRoundRobin() throws Exception {
        h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE);
        h.distribution.set("mydb", "sensor", List.of(addr(0), addr(1)));
        h.distribution.set("mydb", "*", List.of(addr(2)));
        h.distribution.set("*", "*", List.of(addr(3)));
        h.start();
        assertEquals(List.of(0, 1, 0, 1), deliver("mydb", "sensor", 0, 4));
        assertEquals(List.of(2), deliver("mydb", "other", 10, 1));
        assertEquals(List.of(3), deliver("otherdb", "t", 20, 1));
        h.distribution.remove("mydb", "sensor");
        assertEquals(List.of(2), deliver("mydb", "sensor", 30, 1));
        h.distribution.set("mydb", "sensor", List.of(addr(1), addr(0)));
        assertEquals(List.of(1, 0), deliver("mydb", "sensor", 40, 2), "a set resets the key's position");
        int total = sinks.stream().mapToInt(s -> s.files().size()).sum();
        assertEquals(9, total, "each file went to exactly one operator");
        TsdRow r = h.row(DataHash.md5("mydb", "other", content(10).getBytes(StandardCharsets.UTF_8)));
        assertEquals(addr(2), r.status1());
    }

    @Test
    void ledgerRoundRobinOverTheOperatorsOfACluster() throws Exception {
        h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE).withMetadata();
        h.metadata.ledger(cluster("c1", "acme", "mydb", "sensor"), operator("op1", "c1", sinks.get(0).port()),
            operator("op2", "c1", sinks.get(1).port()));
        h.start();
        assertEquals(List.of(0, 1, 0, 1), deliver("mydb", "sensor", 0, 4));
    }

    @Test
    void ledgerRoundRobinOverTwoClustersThenTheirOperators() throws Exception {
        h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE).withMetadata();
        h.metadata.ledger(cluster("c1", "acme", "mydb", "sensor"), cluster("c2", "acme", "mydb", "sensor"),
            operator("op1", "c1", sinks.get(0).port()), operator("op2", "c2", sinks.get(1).port()),
            operator("op3", "c2", sinks.get(2).port()));
        h.start();
        assertEquals(List.of(0, 1, 0, 2, 0, 1), deliver("mydb", "sensor", 0, 6));
    }

    @Test
    void aFileWithoutRouteWaitsAndIsRoutedAfterAMetadataChange() throws Exception {
        h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE).withMetadata();
        h.start();
        h.drop("mydb.sensor.json", content(1));
        String hash = DataHash.md5("mydb", "sensor", content(1).getBytes(StandardCharsets.UTF_8));
        assertTrue(Harness.await(() -> h.status2(hash).startsWith("no route"), Duration.ofSeconds(10)));
        TsdRow r = h.row(hash);
        assertEquals("pending", r.status1());
        assertEquals("no route: Missing Operators for a Table", r.status2());
        assertTrue(Files.exists(h.watch.resolve(name("mydb", "sensor", 1))), "stays in the watch dir");
        h.metadata.ledger(cluster("c1", "acme", "mydb", "sensor"), operator("op1", "c1", sinks.get(2).port()));
        assertTrue(sinks.get(2).awaitFile(name("mydb", "sensor", 1), Duration.ofSeconds(10)).isPresent());
        assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash)), Duration.ofSeconds(10)));
    }

    @Test
    void aDistributionEntryAlsoReleasesWaitingFiles() throws Exception {
        h = new Harness(tmp, Dialect.SQLITE, c -> c, QueueEvents.NONE);
        h.start();
        h.drop("mydb.sensor.json", content(1));
        String hash = DataHash.md5("mydb", "sensor", content(1).getBytes(StandardCharsets.UTF_8));
        assertTrue(Harness.await(() -> h.status2(hash).startsWith("no route"), Duration.ofSeconds(10)));
        h.distribution.set("mydb", "*", List.of(addr(1)));
        assertTrue(sinks.get(1).awaitFile(name("mydb", "sensor", 1), Duration.ofSeconds(10)).isPresent());
    }

    @Test
    void noRouteTimeoutMovesTheFileToTheErrorDirWith73Or203() throws Exception {
        h = new Harness(tmp, Dialect.SQLITE, c -> c.withNoRouteTimeout(Duration.ofSeconds(1)), QueueEvents.NONE)
            .withMetadata();
        h.metadata.ledger(cluster("c1", "acme", "mydb", "listed"));
        h.start();
        h.drop("mydb.nolist.json", content(1));
        h.drop("mydb.listed.json", content(2));
        String a = DataHash.md5("mydb", "nolist", content(1).getBytes(StandardCharsets.UTF_8));
        String b = DataHash.md5("mydb", "listed", content(2).getBytes(StandardCharsets.UTF_8));
        assertTrue(Harness.await(() -> h.status2(a).startsWith("error") && h.status2(b).startsWith("error"),
            Duration.ofSeconds(15)));
        assertEquals("error 73: Missing Operators for a Table", h.status2(a));
        assertEquals("error 203: Operator not available", h.status2(b));
        assertTrue(Harness.await(() -> Harness.listing(h.err).size() == 2, Duration.ofSeconds(10)), "both files moved");
        List<String> errs = new ArrayList<>(Harness.listing(h.err).keySet());
        assertTrue(errs.stream().anyMatch(n -> n.matches("mydb\\.nolist\\.0\\." + a + "\\.0\\.err_73\\.\\d+\\.json")),
            errs.toString());
        assertTrue(errs.stream().anyMatch(n -> n.matches("mydb\\.listed\\.0\\." + b + "\\.0\\.err_203\\.\\d+\\.json")),
            errs.toString());
        assertEquals(List.of(), new ArrayList<>(Harness.listing(h.watch).keySet()));
    }
}
