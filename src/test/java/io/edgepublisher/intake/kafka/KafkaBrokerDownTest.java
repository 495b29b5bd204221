package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestKafka;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that is down when {@code run kafka consumer} runs does not stop the node or the command: the process row,
 * {@code get kafka consumer} and {@code /observe/health/ready} say it is unreachable, and when the broker comes up on
 * that address (a relay to the real broker opens the port) the consumer connects and the waiting records arrive.
 */
class KafkaBrokerDownTest {
    @TempDir
    Path home;

    @Test
    void brokerDownAtStartThenUp() throws Exception {
        String topic = "ep-down-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.createTopic(topic, 2);
        try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
            for (int i = 0; i < 5; i++) {
                TestKafka.send(p, topic, null, "[{\"seq\": " + (2 * i) + "}, {\"seq\": " + (2 * i + 1) + "}]");
            }
        }
        int port = Ports.free();
        try (TestNode n = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 second\nrun streamer\n"
            + "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n"
            + "connect dbms almgm where type = sqlite\n")) {
            n.ok("run kafka consumer where ip = 127.0.0.1 and port = " + port + " and reset = earliest and group_id = g-"
                + topic + " and topic = (name = " + topic + " and dbms = kdb and table = down and column.seq.int ="
                + " \"bring [seq]\")");
            String down = "Kafka Consumer |Running     |Consumer 1 configured to 127.0.0.1:" + port + ": Broker 127.0.0.1:"
                + port + " unreachable, reconnecting";
            await("the process row says the broker is unreachable", () -> n.ok("get processes").contains(down));
            RawHttp.Response ready = RawHttp.send(n.restPort(), "GET", "/observe/health/ready", Map.of(), null);
            assertEquals(503, ready.status(), ready.text());
            assertTrue(ready.text().contains("\"name\": \"kafka-consumers\", \"status\": \"DOWN\", \"message\": \"Kafka"
                + " consumer 1: Broker 127.0.0.1:" + port + " unreachable"), ready.text());
            String[] real = TestKafka.bootstrap().split(":");
            try (TcpRelay relay = new TcpRelay(port, real[0], Integer.parseInt(real[1]))) {
                await("all 10 rows arrive", () -> {
                    try {
                        return TestKafka.seqCounts(home, "kdb.down.").size() == 10;
                    } catch (Exception e) {
                        return false;
                    }
                });
                await("the process row says connected", () -> n.ok("get processes").contains(
                    "Consumer 1 configured to 127.0.0.1:" + port + ": Connected to 1 broker, 2 partitions"));
                String[] last = {""};
                try {
                    await("ready", () -> {
                        try {
                            RawHttp.Response r = RawHttp.send(n.restPort(), "GET", "/observe/health/ready", Map.of(), null);
                            last[0] = r.text();
                            return r.status() == 200;
                        } catch (Exception e) {
                            return false;
                        }
                    });
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": " + last[0], e);
                }
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }
}
