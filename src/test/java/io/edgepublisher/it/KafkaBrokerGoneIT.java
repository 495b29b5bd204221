package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that goes away while the consumer runs (INTAKE.md, "A broker that is down"): this test runs a Kafka broker
 * of its own (scripts/kafka-local.sh on free ports), lets the node consume from it, stops the broker, and checks that
 * the node stays up while {@code get kafka consumer}, the {@code Kafka Consumer} row of {@code get processes} and the
 * {@code kafka-consumers} readiness check say the broker is unreachable; then starts the broker again on the same
 * data and checks that the consumer reconnects by itself and that every row, of the records sent before the outage
 * and after it, is stored exactly once, with the offsets committed (lag 0).
 */
class KafkaBrokerGoneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 200;

    @TempDir
    Path dir;

    @Test
    void brokerGoesAwayMidRunAndComesBack() throws Exception {
        int port = Ports.free();
        int controller = Ports.free();
        Path data = dir.resolve("kafka");
        String bootstrap = "127.0.0.1:" + port;
        String topic = "ep-gone";
        Path home = Files.createDirectories(dir.resolve("home"));
        broker("start", port, controller, data);
        try {
            try (Admin a = admin(bootstrap)) {
                a.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            send(bootstrap, topic, 0, RECORDS / 2);
            try (TestNode n = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 second\n"
                + "run streamer\nrun rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n"
                + "connect dbms almgm where type = sqlite\n")) {
                n.ok("run kafka consumer where ip = 127.0.0.1 and port = " + port + " and reset = earliest and group_id"
                    + " = g-gone and max_poll = 20 and topic = (name = " + topic + " and dbms = kdb and table = gone and"
                    + " column.seq.int = \"bring [seq]\")");
                await("the first half of the rows arrives", () -> rows(home) == RECORDS / 2 * 10);
                String connected = "Consumer 1 configured to " + bootstrap + ": Connected to 1 broker, 2 partitions";
                await("the process row says connected", () -> n.ok("get processes").contains(connected));

                broker("stop", port, controller, data);
                String down = "Kafka Consumer |Running     |Consumer 1 configured to " + bootstrap + ": Broker "
                    + bootstrap + " unreachable, reconnecting";
                await("the process row says the broker is unreachable", () -> n.ok("get processes").contains(down));
                JsonNode c = consumer(n);
                assertTrue(c.get("connection").asText().startsWith("Broker " + bootstrap + " unreachable, reconnecting"),
                    c.toString());
                RawHttp.Response ready = RawHttp.send(n.restPort(), "GET", "/observe/health/ready", Map.of(), null);
                assertEquals(503, ready.status(), ready.text());
                assertTrue(ready.text().contains("\"name\": \"kafka-consumers\", \"status\": \"DOWN\", \"message\":"
                    + " \"Kafka consumer 1: Broker " + bootstrap + " unreachable"), ready.text());
                assertTrue(n.ok("get status").contains("running"), "the node answers commands");

                broker("start", port, controller, data);
                send(bootstrap, topic, RECORDS / 2, RECORDS);
                await("every row arrives after the broker is back", () -> rows(home) == RECORDS * 10);
                await("the process row says connected again", () -> n.ok("get processes").contains(connected));
                await("ready again", () -> {
                    try {
                        return RawHttp.send(n.restPort(), "GET", "/observe/health/ready", Map.of(), null).status() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
                await("offsets committed (lag 0)", () -> {
                    JsonNode s = consumer(n);
                    return s.get("lag").asLong() == 0;
                });
                Map<Integer, Integer> seqs = io.edgepublisher.testing.TestKafka.seqCounts(home, "kdb.gone.");
                OperatorRows.Tally tally = OperatorRows.Tally.of(seqs, RECORDS * 10);
                System.out.printf("KafkaBrokerGoneIT: rows sent %d, delivered %d distinct, missing %d, duplicated %d%n",
                    RECORDS * 10, seqs.size(), tally.missing().size(), tally.duplicated());
                assertTrue(tally.missing().isEmpty(), "rows missing: " + tally.missingSample());
                assertEquals(0, tally.duplicated(), "rows stored twice");
                assertEquals(RECORDS, consumer(n).get("records").asLong(), consumer(n).toString());
            }
        } finally {
            broker("stop", port, controller, data);
        }
    }

    private static JsonNode consumer(TestNode n) {
        try {
            return JSON.readTree(n.ok("get kafka consumer where format = json")).get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int rows(Path home) {
        try {
            return io.edgepublisher.testing.TestKafka.seqCounts(home, "kdb.gone.").values().stream()
                .mapToInt(Integer::intValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void send(String bootstrap, String topic, int from, int to) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null,
                    KafkaNode.record(i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return Admin.create(p);
    }

    /** scripts/kafka-local.sh start|stop on this test's ports and data folder; fails when the script does. */
    private static void broker(String command, int port, int controller, Path data) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("scripts/kafka-local.sh").toAbsolutePath().toString(),
            command, "--port", Integer.toString(port), "--controller-port", Integer.toString(controller),
            "--data-dir", data.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("kafka-local.sh " + command + " failed:\n" + out);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }
}
