package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.TestKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a {@code kill -9} on the same home (docs/SCALING.md): records of 10 rows stream into a
 * 6-partition topic while the node consumes them; the node is killed mid-stream, more records arrive while it is down,
 * and the node restarts on the same home. Every row is in the watch files exactly once: an offset is committed only
 * after its rows are journaled, and only after the node wrote its commit mark; journal recovery drops the records
 * journaled past the commit mark, and Kafka hands them out again. The records the node kept past the group's committed
 * offset (the window between a commit mark and the broker's answer; usually none) are skipped when Kafka hands them
 * out again: the node's {@code skipped} counter is exactly that many.
 */
class KafkaCrashIT {
    private static final int PARTITIONS = 6;
    private static final int MAX_POLL = 20;
    private static final int RECORDS = 3000;
    private static final int KILL_AT = 1500;
    private static final int DOWN_FROM = 2000;

    @TempDir
    Path dir;

    @Test
    void nothingCommittedIsLostAndNothingIsStoredTwiceAfterKill9() throws Exception {
        String topic = "ep-crash-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "g-" + topic;
        TestKafka.createTopic(topic, PARTITIONS);
        KafkaNode node = new KafkaNode(dir, "kafka-crash", TestKafka.bootstrap(), topic, group, MAX_POLL);
        Map<Integer, Long> committedAtKill;
        try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
            try (JarProcess first = node.start()) {
                node.awaitPartitions(PARTITIONS, 60, first);
                for (int i = 0; i < DOWN_FROM; i++) {
                    TestKafka.sendAsync(p, topic, i % PARTITIONS, KafkaNode.record(i));
                    if (i % 100 == 99) {
                        p.flush();
                    }
                    if (i == KILL_AT) {
                        first.kill9(); // records in a poll, rows in buffers and journal, offsets half committed
                    }
                }
            }
            for (int i = DOWN_FROM; i < RECORDS; i++) {
                TestKafka.sendAsync(p, topic, i % PARTITIONS, KafkaNode.record(i));
            }
            p.flush();
            committedAtKill = KafkaNode.committed(group); // nobody commits while the node is down
        }
        long marksAhead = node.marksAhead(topic, committedAtKill);
        try (JarProcess second = node.start()) {
            long deadline = System.currentTimeMillis() + 120_000;
            Map<Integer, Integer> seqs;
            do {
                Thread.sleep(1000);
                node.flush();
                seqs = node.seqs();
            } while (seqs.size() < RECORDS * 10 && System.currentTimeMillis() < deadline);
            OperatorRows.Tally tally = OperatorRows.Tally.of(seqs, RECORDS * 10);
            JsonNode c = node.consumer();
            long uncommitted = 0;
            for (long[] r : KafkaNode.uncommitted(c, topic, committedAtKill).values()) {
                uncommitted += r[1] - r[0] + 1;
            }
            System.out.printf("KafkaCrashIT: rows sent %d, delivered %d distinct, missing %d, duplicated %d;"
                + " journal records dropped at recovery %d, records kept past the group's commit %d (of which the"
                + " commit marks were ahead of the group by %d), skipped after the restart %d%n", RECORDS * 10,
                seqs.size(), tally.missing().size(), tally.duplicated(), KafkaNode.droppedAtRecovery(second.log()),
                uncommitted, marksAhead, c.get("skipped").asLong());
            assertTrue(tally.missing().isEmpty(), "rows missing after kill -9: " + tally.missingSample() + "\n"
                + second.log());
            assertEquals(0, tally.duplicated(), "rows stored twice after kill -9; consumer " + c);
            assertEquals(uncommitted, c.get("skipped").asLong(), "records skipped as journaled already: " + c);
            long lagDeadline = System.currentTimeMillis() + 15_000;
            long lag;
            while ((lag = node.consumer().get("lag").asLong()) != 0 && System.currentTimeMillis() < lagDeadline) {
                Thread.sleep(250);
            }
            assertEquals(0, lag, "offsets committed after the restart");
        }
    }
}
