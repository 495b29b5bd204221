package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.TestKafka;
import java.nio.file.Path;
import io.edgepublisher.wire.testing.OperatorSink;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out in one consumer group (docs/SCALING.md): two node JVMs, each with its own home and ports, split a
 * 12-partition topic 6/6 and publish their files to the in-repo operator double. Mid-stream node A is killed with
 * {@code kill -9}; node B takes all 12 partitions and the stream goes on; once B holds them all, A is started again on
 * its home (its journal holds rows it had not published yet) and the group splits 6/6 again. At the operator double
 * every row is present exactly once: A's journal recovery drops the records A had journaled past its commit marks
 * (B read them again from the committed offsets), and the two rebalances re-deliver nothing. The only rows that may
 * be stored twice are those of records A kept past the group's committed offset; since commit tokens, confirmed marks
 * and the cut that waits for the commit (docs/SCALING.md, KafkaCommitWindowsIT) there are none: the test predicts
 * them from A's skip threshold after the restart, and that prediction is empty.
 */
class KafkaScaleOutIT {
    private static final int PARTITIONS = 12;
    private static final int MAX_POLL = 20;
    private static final int RECORDS = 2400;
    private static final int KILL_AT = 1000;

    @TempDir
    Path dir;

    @Test
    void twoNodesSplitTheTopicAndLoseNothingWhenOneIsKilled() throws Exception {
        String topic = "ep-scale-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "g-" + topic;
        TestKafka.createTopic(topic, PARTITIONS);
        try (OperatorSink sink = OperatorSink.builder()
                .watchDir(java.nio.file.Files.createDirectories(dir.resolve("operator"))).build().start()) {
            run(topic, group, sink);
        }
    }

    private void run(String topic, String group, OperatorSink sink) throws Exception {
        KafkaNode a = new KafkaNode(dir.resolve("a"), "scale-a", TestKafka.bootstrap(), topic, group, MAX_POLL, sink);
        KafkaNode b = new KafkaNode(dir.resolve("b"), "scale-b", TestKafka.bootstrap(), topic, group, MAX_POLL, sink);
        Map<Integer, Long> committedAtKill;
        long marksAhead;
        try (KafkaProducer<byte[], byte[]> p = TestKafka.producer(); JarProcess nodeB = b.start()) {
            try (JarProcess nodeA = a.start()) {
                a.awaitPartitions(PARTITIONS / 2, 60, nodeA);
                b.awaitPartitions(PARTITIONS / 2, 60, nodeB);
                for (int i = 0; i < RECORDS; i++) {
                    TestKafka.sendAsync(p, topic, i % PARTITIONS, KafkaNode.record(i));
                    if (i % 100 == 99) {
                        p.flush();
                    }
                    if (i == KILL_AT) {
                        p.flush();
                        // kill A mid-stream, once it has taken records of its partitions
                        long until = System.currentTimeMillis() + 30_000;
                        while (a.consumer().get("records").asLong() == 0) {
                            assertTrue(System.currentTimeMillis() < until, "A took no record in 30 s: "
                                + nodeA.log());
                            Thread.sleep(20);
                        }
                        nodeA.kill9();
                    }
                }
                p.flush();
                // A is dead and B does not hold A's partitions before A's session times out (10 s)
                committedAtKill = KafkaNode.committed(group);
                marksAhead = a.marksAhead(topic, committedAtKill);
                assertEquals(PARTITIONS / 2, b.consumer().get("partitions").size(),
                    "B took A's partitions before the committed offsets were read");
            }
            b.awaitPartitions(PARTITIONS, 60, nodeB); // after A's session timed out
            try (JarProcess again = a.start()) {
                long deadline = System.currentTimeMillis() + 120_000;
                Map<Integer, Integer> all;
                do {
                    Thread.sleep(1000);
                    a.flush();
                    b.flush();
                    all = OperatorRows.seqs(sink);
                } while (all.size() < RECORDS * 10 && System.currentTimeMillis() < deadline);
                // the rows of records A kept past the group's committed offset (the commit window; usually none):
                // stored by A and read again by B
                Set<Integer> expected = new TreeSet<>();
                KafkaNode.uncommitted(a.consumer(), topic, committedAtKill).forEach((partition, range) -> {
                    for (long o = range[0]; o <= range[1]; o++) {
                        int record = (int) o * PARTITIONS + partition;
                        for (int k = 0; k < 10; k++) {
                            expected.add(record * 10 + k);
                        }
                    }
                });
                // the last rows can arrive after the first copy of each: wait until the copies are complete too
                Set<Integer> twice = new TreeSet<>();
                while (System.currentTimeMillis() < deadline) {
                    twice.clear();
                    all.forEach((seq, n) -> {
                        if (n > 1) {
                            twice.add(seq);
                        }
                    });
                    if (twice.containsAll(expected)) {
                        break;
                    }
                    Thread.sleep(500);
                    a.flush();
                    b.flush();
                    all = OperatorRows.seqs(sink);
                }
                OperatorRows.Tally tally = OperatorRows.Tally.of(all, RECORDS * 10);
                int onA = OperatorRows.filesFrom(sink, a.env.get("ANYLOG_SERVER_PORT"));
                int onB = OperatorRows.filesFrom(sink, b.env.get("ANYLOG_SERVER_PORT"));
                System.out.printf("KafkaScaleOutIT: rows sent %d, at the operator double %d distinct (files from"
                    + " node A %d, node B %d), missing %d, duplicated %d (journal records A dropped at recovery %d;"
                    + " rows of records A kept past the group's committed offset: %d; A's commit marks ahead of the"
                    + " group by %d records)%n", RECORDS * 10, all.size(), onA, onB, tally.missing().size(),
                    tally.duplicated(), KafkaNode.droppedAtRecovery(again.log()), expected.size(), marksAhead);
                assertTrue(tally.missing().isEmpty(), "rows missing: " + tally.missingSample()
                    + "\nA: " + again.log() + "\nB: " + nodeB.log());
                // A's files: those it flushed before the kill and what its recovery kept; when all it had journaled
                // was past its commit marks, recovery dropped it and B stored it
                assertTrue(onB > 0 && (onA > 0 || KafkaNode.droppedAtRecovery(again.log()) > 0),
                    "both nodes stored records: A " + onA + " files, B " + onB);
                assertEquals(expected, twice, "rows stored twice: only those A kept past the group's commit");
                assertEquals(expected.size(), tally.duplicated(), "no row stored more than twice");
            }
        }
    }
}
