package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.testing.TestKafka;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run kafka consumer}, {@code get kafka consumer}, {@code exit kafka} and the {@code Kafka Consumer} process
 * row against the real broker of {@link TestKafka}: bad options, 10-row records landing in watch files exactly once,
 * records that are not JSON or miss a mapped key counted as errors and kept in the error buffer while the partition
 * moves on, offsets committed (lag 0).
 */
class KafkaConsumerCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void badOptionsGetTheirErrors() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), "run streamer\n")) {
            String topic = " and topic = (name = t1 and dbms = d and table = t and column.seq.int = \"bring [seq]\")";
            CommandResult r = n.exec("run kafka consumer where ip = 127.0.0.1 and port = 9 and reset = newest" + topic);
            assertEquals(2, r.code(), r.describe());
            assertTrue(r.detail().contains("Wrong value for 'reset'"), r.detail());
            r = n.exec("run kafka consumer where ip = 127.0.0.1 and port = 9 and reset = earliest");
            assertEquals(124, r.code(), r.describe());
            assertEquals("Missing mapping instructions for message in topic", r.detail());
            r = n.exec("run kafka consumer where port = 9" + topic);
            assertEquals(2, r.code(), r.describe());
            assertTrue(r.detail().contains("Missing 'ip'"), r.detail());
            r = n.exec("run kafka consumer where ip = 127.0.0.1 and port = 9 and threads = 0" + topic);
            assertEquals(2, r.code(), r.describe());
            r = n.exec("run kafka consumer where ip = 127.0.0.1 and port = 9 and security_protocol = SASL_SSL" + topic);
            assertEquals(2, r.code(), r.describe());
            assertTrue(r.detail().contains("needs user"), r.detail());
            r = n.exec("run kafka consumer where ip = 127.0.0.1 and port = 9 and topic = (name = t1 and table = t and"
                + " column.seq.int = \"bring [seq]\")");
            assertEquals(124, r.code(), r.describe());
            assertEquals("Missing mapping instruction for DBMS", r.detail());
            assertEquals(GetKafkaConsumerCommand.NONE, n.ok("get kafka consumer"));
            assertTrue(n.ok("get processes").contains("Kafka Consumer |Not declared|"), n.ok("get processes"));
            r = n.exec("exit kafka 3");
            assertEquals(2, r.code(), r.describe());
        }
    }

    @Test
    void recordsBecomeRowsAndBadRecordsAreCounted() throws Exception {
        String topic = "ep-cmd-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.createTopic(topic, 3);
        int records = 60;
        try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
            int seq = 0;
            for (int i = 0; i < records; i++) {
                StringBuilder sb = new StringBuilder("[");
                for (int k = 0; k < 10; k++, seq++) {
                    sb.append(k == 0 ? "" : ",").append("{\"seq\": ").append(seq).append(", \"v\": ").append(k).append('}');
                }
                TestKafka.send(p, topic, "k" + i, sb.append(']').toString());
                if (i == 20) {
                    TestKafka.send(p, topic, "k" + i, "{\"other\": 1}");
                    TestKafka.send(p, topic, "k" + i, "this is not json");
                }
            }
        }
        try (TestNode n = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 second\nrun streamer\n")) {
            n.ok("run kafka consumer where ip = " + TestKafka.bootstrap().replace(":", " and port = ")
                + " and reset = earliest and group_id = g-" + topic + " and log_error = true and topic = (name = "
                + topic + " and dbms = kdb and table = ktab and column.seq.int = \"bring [seq]\")");
            long deadline = System.currentTimeMillis() + 60_000;
            Map<Integer, Integer> seqs;
            JsonNode c;
            do {
                Thread.sleep(200);
                seqs = TestKafka.seqCounts(home, "kdb.ktab.");
                c = JSON.readTree(n.ok("get kafka consumer where format = json")).get(0);
            } while ((seqs.size() < records * 10 || c.get("lag").asLong() != 0 || c.get("records").asLong() < records + 2)
                && System.currentTimeMillis() < deadline);
            assertEquals(records * 10, seqs.size(), "distinct rows in the watch files; consumer: " + c);
            assertTrue(seqs.values().stream().allMatch(v -> v == 1), "every row once: " + seqs);
            assertEquals(records + 2, c.get("records").asLong(), c.toString());
            assertEquals(records * 10, c.get("rows").asLong(), c.toString());
            assertEquals(2, c.get("errors").asLong(), c.toString());
            assertEquals("Kafka record not in JSON format", c.get("last_error").asText(), c.toString());
            assertEquals(0, c.get("skipped").asLong(), c.toString());
            var kafkaRows = io.edgepublisher.ops.NodeMetrics.of(n.node()).registry().find("ep_rows_in")
                .tag("path", "kafka").counter();
            assertTrue(kafkaRows != null && kafkaRows.count() == records * 10, "ep_rows_in_total{path=\"kafka\"}: "
                + (kafkaRows == null ? "absent" : kafkaRows.count()));
            assertTrue(io.edgepublisher.ops.NodeMetrics.of(n.node()).registry().find("ep_rows_in").tag("path", "mqtt")
                .counter() == null, "no Kafka rows counted as mqtt");
            assertEquals(0, c.get("lag").asLong(), "offsets committed: " + c);
            assertEquals(3, c.get("partitions").size(), c.toString());
            assertTrue(c.get("connection").asText().startsWith("Connected to 1 broker"), c.toString());
            String processes = n.ok("get processes");
            assertTrue(processes.contains("Kafka Consumer |Running     |Consumer 1 configured to " + TestKafka.bootstrap()
                + ": Connected to 1 broker, 3 partitions"), processes);
            n.ok("flush buffers");
            assertTrue(errorCopyHolds("this is not json"), "the bad record is kept in the error buffer");
            n.ok("exit kafka");
            assertEquals(GetKafkaConsumerCommand.NONE, n.ok("get kafka consumer"));
            assertTrue(n.ok("get processes").contains("Kafka Consumer |Not declared|"));
            assertTrue(n.node().camel().getRoute("kafka-consumer-1") == null, "the route is gone");
        }
    }

    private boolean errorCopyHolds(String text) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> s = Files.walk(home)) {
                boolean found = s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("err_"))
                    .anyMatch(f -> {
                        try {
                            return Files.readString(f).contains(text);
                        } catch (Exception e) {
                            return false;
                        }
                    });
                if (found) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        return false;
    }
}
