package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.TestKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once across a {@code kill -9} (docs/SCALING.md): records of 10 rows stream into a 6-partition topic while
 * the node consumes them; the node is killed mid-stream, more records arrive while it is down, and the node restarts
 * on the same home. Every row must be in the watch files (nothing acknowledged is lost: an offset is committed only
 * after its rows are journaled), and the rows stored twice can only be those of the last poll per partition before
 * the kill (at most max_poll records per partition).
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
    void nothingCommittedIsLostAfterKill9() throws Exception {
        String topic = "ep-crash-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.createTopic(topic, PARTITIONS);
        KafkaNode node = new KafkaNode(dir, "kafka-crash", TestKafka.bootstrap(), topic, "g-" + topic, MAX_POLL);
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
        }
        try (JarProcess second = node.start()) {
            long deadline = System.currentTimeMillis() + 120_000;
            Map<Integer, Integer> seqs;
            do {
                Thread.sleep(1000);
                node.flush();
                seqs = node.seqs();
            } while (seqs.size() < RECORDS * 10 && System.currentTimeMillis() < deadline);
            List<Integer> missing = new ArrayList<>();
            int duplicated = 0;
            for (int s = 0; s < RECORDS * 10; s++) {
                Integer n = seqs.get(s);
                if (n == null) {
                    missing.add(s);
                } else if (n > 1) {
                    duplicated += n - 1;
                }
            }
            System.out.printf("KafkaCrashIT: rows sent %d, delivered %d distinct, missing %d, duplicated %d%n",
                RECORDS * 10, seqs.size(), missing.size(), duplicated);
            assertTrue(missing.isEmpty(), "rows missing after kill -9: " + missing.subList(0, Math.min(30,
                missing.size())) + " of " + missing.size() + "\n" + second.log());
            assertTrue(duplicated <= PARTITIONS * MAX_POLL * 10, "duplicates beyond one poll per partition: "
                + duplicated);
            Map<Integer, Integer> histogram = new HashMap<>();
            seqs.values().forEach(v -> histogram.merge(v, 1, Integer::sum));
            assertTrue(histogram.keySet().stream().allMatch(v -> v <= 2), "a row stored more than twice: " + histogram);
            long lagDeadline = System.currentTimeMillis() + 15_000;
            long lag;
            while ((lag = node.consumer().get("lag").asLong()) != 0 && System.currentTimeMillis() < lagDeadline) {
                Thread.sleep(250);
            }
            assertEquals(0, lag, "offsets committed after the restart");
        }
    }
}
