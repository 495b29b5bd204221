package io.edgepublisher.intake;

import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.testing.Tmpfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 defect 1 through a running node whose home is on the small tmpfs of {@code EP_TEST_TMPFS}: REST PUT onto a
 * full disk stores exactly the rows answered 200, leaves nothing behind and recovers by itself; below the free-space
 * floor REST answers 507 and MQTT QoS 1 gets no PUBACK, and {@code get processes}, readiness and a metric say why.
 */
class DiskFullIntakeTest {

    private static String script(int brokerPort) {
        return "set buffer threshold where time = 1 second and volume = 64KB\n"
                + "run streamer\n"
                + "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n"
                + (brokerPort == 0 ? "" : "run message broker where external_ip = 127.0.0.1 and external_port = "
                        + brokerPort + " and internal_ip = 127.0.0.1 and internal_port = " + brokerPort
                        + " and bind = true\n"
                        + "run msg client where broker = local and topic = (name = full/rows and qos = 1 and"
                        + " dbms = full and table = mqtt and column.id.int = bring [id])\n");
    }

    private static RawHttp.Response put(int port, int from, int n) throws Exception {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < from + n; i++) {
            sb.append(i == from ? "" : ", ").append("{\"id\": ").append(i).append(", \"pad\": \"")
                    .append("y".repeat(150)).append("\"}");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("dbms", "full");
        h.put("table", "rest");
        h.put("mode", "streaming");
        h.put("Content-Type", "text/plain");
        return RawHttp.send(port, "PUT", "/", h, sb.append("]").toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<Integer> storedIds(Path watch, String prefix) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (String line : MqttTesting.lines(watch, prefix)) {
            int at = line.indexOf("\"id\": ");
            int shift = 6;
            if (at < 0) {
                at = line.indexOf("\"id\":");
                shift = 5;
            }
            int end = line.indexOf(',', at);
            ids.add(Integer.parseInt(line.substring(at + shift, end < 0 ? line.indexOf('}', at) : end)));
        }
        return ids;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void putOntoAFullDiskStoresExactlyTheRowsAnswered200AndRecovers() throws Exception {
        try (Tmpfs tmpfs = Tmpfs.open("put-full");
                TestNode node = TestNode.start(tmpfs.dir(), Map.of("EP_MIN_FREE_SPACE", "0"), script(0))) {
            Path watch = Path.of(node.node().dictionary().get("watch_dir"));
            Path err = Path.of(node.node().dictionary().get("err_dir"));
            Path prep = Path.of(node.node().dictionary().get("prep_dir"));
            tmpfs.fillLeaving(1 << 20);
            List<Integer> acked = new ArrayList<>();
            int failures = 0;
            int id = 0;
            while (failures < 30) {
                RawHttp.Response r = put(node.restPort(), id, 50);
                if (r.status() == 200) {
                    for (int i = id; i < id + 50; i++) {
                        acked.add(i);
                    }
                } else {
                    assertTrue(r.status() == 507 || r.status() == 500, r.status() + " " + r.text());
                    assertFalse(r.text().contains(tmpfs.dir().toString()), "no server paths in replies: " + r.text());
                    failures++;
                }
                id += 50;
            }
            assertTrue(acked.size() >= 100, "some PUTs were stored before the disk filled: " + acked.size());
            assertEquals(List.of(), files(err), "failed flushes leave no *.err_48 files");
            assertEquals(List.of(), files(prep), "failed flushes leave no partial prep files");

            tmpfs.unfill();
            await("the buffered rows flushed once space is back", () -> {
                try {
                    return io.edgepublisher.node.Beans.get(node.node(), io.edgepublisher.streamer.StreamerService.class).buffers()
                            .bufferedRows() == 0 && storedIds(watch, "full.rest.").size() >= acked.size();
                } catch (Exception e) {
                    return false;
                }
            });
            List<Integer> stored = storedIds(watch, "full.rest.");
            assertEquals(stored.size(), new TreeSet<>(stored).size(), "no row stored twice");
            assertEquals(new TreeSet<>(acked), new TreeSet<>(stored), "every row answered 200, and no other");
            assertEquals(200, put(node.restPort(), id, 50).status(), "intake works again");
            assertEquals(List.of(), files(err));
        }
    }

    @Test
    void belowTheFloorIntakeIsRefusedAndTheNodeSaysWhy() throws Exception {
        int brokerPort = Ports.free();
        try (Tmpfs tmpfs = Tmpfs.open("floor");
                TestNode node = TestNode.start(tmpfs.dir(), Map.of("EP_MIN_FREE_SPACE", "4MB"), script(brokerPort))) {
            Path watch = Path.of(node.node().dictionary().get("watch_dir"));
            int rest = node.restPort();
            assertEquals(200, put(rest, 0, 5).status());
            var mqtt = MqttTesting.v3(brokerPort);
            MqttTesting.publish(mqtt, "full/rows", "{\"id\": 1000}", 1);

            tmpfs.fillLeaving(3 << 20);
            await("the node sees the free space below its floor", () -> io.edgepublisher.node.Beans.get(node.node(), io.edgepublisher.streamer.StreamerService.class).storage().state().refusing());
            RawHttp.Response refused = put(rest, 5, 5);
            assertEquals(507, refused.status(), refused.text());
            assertEquals("File write failed", refused.reason());
            assertTrue(refused.text().matches("Not stored: intake refused: free space on the file system of"
                    + " AnyLog-Network/data/prep is [23]\\.\\d MB, below the floor of 4\\.0 MB \\(EP_MIN_FREE_SPACE\\);"
                    + " free some space and intake resumes by itself"), refused.text());

            ProcessStatus streamer = node.node().processes().status("Streamer");
            assertTrue(streamer.running() && streamer.details().contains("; intake refused: free space"),
                    streamer.details());
            assertTrue(node.ok("get processes").contains("intake refused: free space"));
            RawHttp.Response ready = RawHttp.send(rest, "GET", "/observe/health/ready", Map.of(), null);
            assertEquals(503, ready.status());
            assertFalse(ready.text().contains("\"name\": \"storage\", \"status\": \"UP\""), ready.text());
            assertTrue(ready.text().contains("\"name\": \"storage\", \"status\": \"DOWN\", \"message\": \"intake"
                    + " refused: free space"), ready.text());
            String metrics = RawHttp.send(rest, "GET", "/observe/metrics", Map.of(), null).text();
            assertTrue(metrics.contains("\nep_intake_refused 1.0"), metrics);
            assertTrue(metrics.contains("\nep_storage_floor_bytes 4194304.0"), metrics);
            assertTrue(metrics.matches("(?s).*\nep_intake_refusals_total [1-9]\\d*\\.0.*"), metrics);

            // MQTT QoS 1: no PUBACK; the broker closes the connection instead, so the publisher sends it again later
            assertThrows(org.eclipse.paho.client.mqttv3.MqttException.class,
                    () -> MqttTesting.publish(mqtt, "full/rows", "{\"id\": 1001}", 1));
            await("the broker closed the publisher's connection", () -> !mqtt.isConnected());

            tmpfs.unfill();
            await("storage ready again", () -> {
                try {
                    return RawHttp.send(rest, "GET", "/observe/health/ready", Map.of(), null).text()
                            .contains("\"name\": \"storage\", \"status\": \"UP\"");
                } catch (Exception e) {
                    return false;
                }
            });
            assertFalse(node.ok("get processes").contains("intake refused"));
            assertEquals(200, put(rest, 5, 5).status());
            var again = MqttTesting.v3(brokerPort);
            MqttTesting.publish(again, "full/rows", "{\"id\": 1001}", 1);
            again.disconnect();
            node.ok("flush buffers");
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), storedIds(watch, "full.rest.").stream().sorted().toList());
            assertEquals(List.of(1000, 1001), storedIds(watch, "full.mqtt.").stream().sorted().toList());
            assertNotEquals(0, io.edgepublisher.node.Beans.get(node.node(), io.edgepublisher.streamer.StreamerService.class).storage()
                    .refusals());
        }
    }
}
