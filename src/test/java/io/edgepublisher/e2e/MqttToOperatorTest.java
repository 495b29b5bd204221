package io.edgepublisher.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole node, end to end (issue 6): MQTT QoS 1 rows published to Mosquitto (127.0.0.1:1883) → message client →
 * mapping → journaled streaming buffers → files in the watch dir → publisher → the in-repo operator sink. The sink
 * crashes for 30 s mid-stream (-Dep.test.outageSeconds shortens it); afterwards every published row must have reached
 * the operator exactly once (rows compared one by one), every received file's content must match the hash in its
 * name, no hash may have been stored twice, and the backlog must drain.
 */
class MqttToOperatorTest {
    private static final int OUTAGE_SECONDS = Integer.getInteger("ep.test.outageSeconds", 30);
    private static final int ROWS = 300;

    @TempDir
    Path home;

    @Test
    void everyRowReachesTheOperatorOnceThroughAnOutage() throws Exception {
        String topic = MqttTesting.run();
        Path opDir = Files.createDirectories(home.resolve("operator-watch"));
        try (OperatorSink sink = OperatorSink.builder().watchDir(opDir).build().start()) {
            String script = String.join("\n",
                "set node name e2e-publisher",
                "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port",
                "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port",
                "connect dbms almgm where type = sqlite",
                "create table tsd_info where dbms = almgm",
                "set buffer threshold where time = 1 second and volume = 2KB",
                "run streamer",
                "<run msg client where broker = 127.0.0.1 and port = 1883 and topic = (name = " + topic + "/+ and qos = 1"
                    + " and dbms = bring [site] and table = bring [sensor] and column.timestamp.timestamp = bring [ts]"
                    + " and column.seq.int = bring [seq] and column.value.float = bring [v])>",
                "set data distribution where dbms = plant and table = * and dest = " + sink.address(),
                "run publisher where ack_wait = 1 second and retry_max = 2 seconds and delete_json = true", "");
            try (TestNode n = TestNode.start(home, Map.of(), script)) {
                awaitTrue(() -> n.ok("get msg client where format = json").contains("Connected"), Duration.ofSeconds(30),
                    "the message client connects to Mosquitto");
                var pub = MqttTesting.v3(1883);
                List<String> expected = new ArrayList<>();
                try {
                    for (int seq = 0; seq < ROWS; seq++) {
                        String sensor = seq % 2 == 0 ? "temp" : "hum";
                        String ts = String.format("2026-11-28 10:%02d:%02d.%06d", seq / 60 % 60, seq % 60, seq);
                        double v = seq + 0.5;
                        MqttTesting.publish(pub, topic + "/" + sensor, "{\"site\": \"Plant\", \"sensor\": \"" + sensor
                            + "\", \"ts\": \"" + ts + "\", \"seq\": " + seq + ", \"v\": " + v + "}", 1);
                        expected.add(sensor + " {\"timestamp\":\"" + ts + "\",\"seq\":" + seq + ",\"value\":" + v + "}");
                        if (seq == ROWS / 3) {
                            awaitTrue(() -> !sink.files().isEmpty(), Duration.ofSeconds(30), "first deliveries");
                            sink.crash();
                        }
                        if (seq == 2 * ROWS / 3) {
                            Thread.sleep(OUTAGE_SECONDS * 1000L);
                            sink.start();
                        }
                        if (seq % 10 == 0) {
                            Thread.sleep(40);
                        }
                    }
                } finally {
                    pub.disconnect();
                    pub.close();
                }
                awaitTrue(() -> received(sink).size() >= ROWS, Duration.ofSeconds(90), "all rows at the operator");
                List<String> got = received(sink);
                assertEquals(new TreeSet<>(expected), new TreeSet<>(got), "exactly the published rows");
                assertEquals(ROWS, got.size(), "no row twice");
                Set<String> hashes = new HashSet<>();
                for (ReceivedFile f : sink.files()) {
                    String[] s = f.name().split("\\.");
                    assertEquals(md5("plant." + s[1], Files.readAllBytes(f.path())), s[3], "hash in the name: " + f.name());
                    assertTrue(hashes.add(s[3]), "each file stored once: " + f.name());
                }
                awaitTrue(() -> {
                    try (var l = Files.list(home.resolve("AnyLog-Network/data/watch"))) {
                        return l.findAny().isEmpty();
                    }
                }, Duration.ofSeconds(30), "the backlog drained and delivered files were deleted");
                String metrics = RawHttp.send(n.restPort(), "GET", "/observe/metrics", Map.of(), null).text();
                assertTrue(metrics.contains("ep_rows_in_total{path=\"mqtt\"} " + ROWS + ".0"), metrics);
                assertTrue(metrics.contains("ep_files_delivered_total{destination=\"" + sink.address() + "\"} "
                    + sink.files().size() + ".0"), metrics);
                assertTrue(metrics.contains("ep_publisher_queue_depth 0.0"), metrics);
                assertTrue(n.ok("get publisher").contains(sink.address().toString()));
            }
        }
    }

    /** Every row the operator stored, prefixed with its table. */
    private static List<String> received(OperatorSink sink) throws Exception {
        List<String> rows = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (ReceivedFile f : sink.files()) {
            if (seen.put(f.name(), true) != null || !Files.exists(f.path())) {
                continue;
            }
            String table = f.name().split("\\.")[1];
            for (String line : Files.readString(f.path(), StandardCharsets.UTF_8).split("\n")) {
                JsonParser.parseObject(line);
                rows.add(table + " " + line);
            }
        }
        return rows;
    }

    private static String md5(String prefix, byte[] content) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(prefix.getBytes(StandardCharsets.US_ASCII));
        md.update(content);
        return String.format("%032x", new BigInteger(1, md.digest()));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void awaitTrue(Check c, Duration timeout, String what) throws Exception {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < end) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
