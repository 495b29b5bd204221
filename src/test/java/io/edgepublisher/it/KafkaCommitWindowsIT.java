package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.TestKafka;
import io.edgepublisher.wire.testing.OperatorSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two windows of docs/SCALING.md, hit on purpose: two node JVMs share a 6-partition topic in one group and publish
 * to the operator double; node A runs with the test seam of {@code KafkaCommits}, which stops it exactly
 * <ul>
 * <li>(a) after writing the commit mark of its 5th batch commit, before {@code commitSync} (the commit never leaves),</li>
 * <li>(b) after {@code commitSync} returned, before the confirmed mark (the broker has the commit, the node does not
 * know),</li>
 * <li>(c) after the commit mark, blocked for good, so that its records stay unconfirmed while {@code flush buffers}
 * and the 1-second time threshold ask for a file; then it is killed with {@code kill -9}.</li>
 * </ul>
 * B takes A's partitions and goes on; A is started again on its home, settles the records it held against the group's
 * commit (a, c: dropped, B stored them; b: kept), and the group splits again. At the operator double every row is
 * present exactly once.
 */
class KafkaCommitWindowsIT {
    private static final int PARTITIONS = 6;
    private static final int MAX_POLL = 20;
    private static final int RECORDS = 900;
    private static final int HALT_AT = 5;

    @TempDir
    Path dir;

    @Test
    void killedAfterTheCommitMarkBeforeTheCommitLeft() throws Exception {
        run("intended", "never reached the broker: dropped");
    }

    @Test
    void killedAfterTheBrokerConfirmedBeforeTheConfirmedMark() throws Exception {
        run("confirmed", "reached the broker: kept");
    }

    @Test
    void recordsOfAnUnansweredCommitAreNotCutIntoAFileBeforeTheKill() throws Exception {
        run("stall", "never reached the broker: dropped");
    }

    private void run(String seam, String resolution) throws Exception {
        String topic = "ep-win-" + seam + "-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "g-" + topic;
        TestKafka.createTopic(topic, PARTITIONS);
        try (OperatorSink sink = OperatorSink.builder()
                .watchDir(Files.createDirectories(dir.resolve("operator"))).build().start()) {
            KafkaNode a = new KafkaNode(dir.resolve("a"), "win-a", TestKafka.bootstrap(), topic, group, MAX_POLL, sink);
            KafkaNode b = new KafkaNode(dir.resolve("b"), "win-b", TestKafka.bootstrap(), topic, group, MAX_POLL, sink);
            try (KafkaProducer<byte[], byte[]> p = TestKafka.producer(); JarProcess nodeB = b.start()) {
                String firstLog;
                try (JarProcess nodeA = a.start(List.of("-D" + "edgepublisher.test.kafkaHalt=" + seam + ":" + HALT_AT))) {
                    a.awaitPartitions(PARTITIONS / 2, 60, nodeA);
                    b.awaitPartitions(PARTITIONS / 2, 60, nodeB);
                    String mark = "KafkaCommits test seam: " + seam + " at batch commit " + HALT_AT;
                    int i = 0;
                    // a few records per poll, so that A commits batch after batch until the seam stops it
                    while (!nodeA.log().contains(mark)) {
                        assertTrue(i < RECORDS / 2, "the seam did not fire within " + i + " records: " + nodeA.log());
                        for (int k = 0; k < PARTITIONS; k++, i++) {
                            TestKafka.sendAsync(p, topic, i % PARTITIONS, KafkaNode.record(i));
                        }
                        p.flush();
                        Thread.sleep(100);
                    }
                    if (seam.equals("stall")) {
                        // the stalled batch is journaled and marked, not confirmed: neither the time threshold nor
                        // "flush buffers" may cut it into a file (one that B's copy would duplicate)
                        a.flush();
                        nodeA.kill9();
                    } else {
                        assertEquals(137, nodeA.waitFor(30), "halted by the seam: " + nodeA.log());
                    }
                    firstLog = nodeA.log();
                    for (; i < RECORDS; i++) {
                        TestKafka.sendAsync(p, topic, i % PARTITIONS, KafkaNode.record(i));
                    }
                    p.flush();
                }
                b.awaitPartitions(PARTITIONS, 60, nodeB); // after A's session timed out
                try (JarProcess again = a.start()) {
                    a.awaitPartitions(PARTITIONS / 2, 60, again);
                    Map<Integer, Integer> all = settle(sink, List.of(a, b), again, nodeB);
                    OperatorRows.Tally tally = OperatorRows.Tally.of(all, RECORDS * 10);
                    System.out.printf("KafkaCommitWindowsIT (%s): rows sent %d, at the operator double %d distinct,"
                        + " missing %d, duplicated %d; files from node A %d, node B %d; journal records A dropped at"
                        + " recovery %d%n", seam, RECORDS * 10, all.size(), tally.missing().size(), tally.duplicated(),
                        OperatorRows.filesFrom(sink, a.env.get("ANYLOG_SERVER_PORT")),
                        OperatorRows.filesFrom(sink, b.env.get("ANYLOG_SERVER_PORT")),
                        KafkaNode.droppedAtRecovery(again.log()));
                    assertTrue(tally.missing().isEmpty(), "rows missing: " + tally.missingSample() + "\nA: "
                        + again.log());
                    assertEquals(0, tally.duplicated(), "rows stored twice\nA before: " + firstLog + "\nA: "
                        + again.log());
                    // the window was hit: A held records at its restart and the group's commit settled them
                    assertTrue(again.log().contains("Journal recovery: holding"), again.log());
                    assertTrue(again.log().contains(resolution), again.log());
                }
            }
        }
    }

    /**
     * Waits until every row arrived and nothing more can come: both nodes' offsets committed, nothing held, no journal
     * segment and no unpublished file left on either. Returns what the operator double stored.
     */
    private static Map<Integer, Integer> settle(OperatorSink sink, List<KafkaNode> nodes, JarProcess a, JarProcess b)
            throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            boolean quiet = true;
            for (KafkaNode n : nodes) {
                n.flush();
                JsonNode c = n.consumer();
                quiet &= c.get("lag").asLong() == 0 && c.get("held").size() == 0 && pending(n.home) == 0;
            }
            Map<Integer, Integer> all = OperatorRows.seqs(sink);
            if (quiet && all.size() >= RECORDS * 10) {
                return all;
            }
            assertTrue(System.currentTimeMillis() < deadline, "not settled in 120 s: " + all.size() + " rows;"
                + " A " + nodes.get(0).consumer() + "\nB " + nodes.get(1).consumer() + "\nA: " + a.log());
            Thread.sleep(500);
        }
    }

    /** Journal segments and data files not published yet under a node's home. */
    private static long pending(Path home) throws Exception {
        try (Stream<Path> s = Files.walk(home)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".jnl") || (n.startsWith("kdb.rows.") && n.endsWith(".json")
                    && p.getParent().getFileName().toString().equals("watch"));
            }).count();
        }
    }
}
