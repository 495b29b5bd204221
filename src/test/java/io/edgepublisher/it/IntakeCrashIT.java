package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability rule (INTAKE.md §6) across a {@code kill -9}: QoS 1 rows with unique sequence numbers stream through
 * Mosquitto to a node with a persistent session while REST PUT streaming batches
 * arrive; the node is killed mid-stream, restarted on the same home, and drains. Every published sequence number must
 * be in exactly one line of one watch file, and every row whose PUT was answered 200 must be there exactly once.
 *
 * <p>The test runs its own Mosquitto (the binary must be installed) with an unlimited queue: the shared one keeps at
 * most 1,000 queued messages per session (max_queued_messages) and drops the rest — its loss, not ours, but it would
 * hide ours.
 */
class IntakeCrashIT {
    private static final Map<String, String> ANYLOG = Map.of("User-Agent", "AnyLog/1.23");
    private static final Pattern SEQ = Pattern.compile("\"seq\": ?(\\d+)");
    private static final int BEFORE = 4000;
    private static final int WHILE_DOWN = 1000;
    private static final int KILL_AT = 2500;

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostAndNothingIsDuplicated() throws Exception {
        int mqttPort = Ports.free();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + mqttPort + " 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n"
                + "max_inflight_messages 100\n");
        Process mosquitto = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        try {
            awaitListening(mqttPort, mosquitto, dir.resolve("mosquitto.log"));
            run(mqttPort);
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(int port, Process mosquitto, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!mosquitto.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("Mosquitto is not listening on " + port + ": " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    private void run(int mqttPort) throws Exception {
        String topic = "ep-crash/" + UUID.randomUUID().toString().substring(0, 8);
        int rest = Ports.free();
        Path script = dir.resolve("boot.al");
        Files.writeString(script, "set buffer threshold where time = 1 second and volume = 2KB\n"
                + "run streamer\n"
                + "run rest server where internal_ip = 127.0.0.1 and internal_port = " + rest + "\n"
                + "run msg client where broker = 127.0.0.1 and port = " + mqttPort + " and client_id = crash-" + topic.substring(9)
                + " and topic = (name = " + topic + " and qos = 1 and dbms = crash and table = mqtt and"
                + " column.seq.int = bring [seq])\n");
        Map<String, String> env = new HashMap<>(Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
                "ANYLOG_SERVER_PORT", Integer.toString(Ports.free()), "ANYLOG_REST_PORT", Integer.toString(rest),
                "NODE_NAME", "crash-node"));
        List<String> args = List.of("--no-cli", "--LEDGER_CONN=", "--script", script.toString());

        MqttClient pub = new MqttClient("tcp://127.0.0.1:" + mqttPort, "crash-pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(100);
        pub.connect(o);
        Set<Integer> restAcked = ConcurrentHashMap.newKeySet();
        AtomicBoolean restRunning = new AtomicBoolean(true);
        try (JarProcess first = JarProcess.start(dir, env, args)) {
            awaitConnected(rest, first);
            Thread putter = new Thread(() -> putLoop(rest, restAcked, restRunning), "rest-putter");
            putter.start();
            for (int i = 0; i < BEFORE; i++) {
                publish(pub, topic, i);
                if (i == KILL_AT) {
                    first.kill9(); // mid-stream: messages in flight, buffers open, journal segments on disk
                }
            }
            restRunning.set(false);
            putter.join(30_000);
            assertFalse(putter.isAlive(), "the REST putter did not stop within 30 s");
        }
        for (int i = BEFORE; i < BEFORE + WHILE_DOWN; i++) {
            publish(pub, topic, i); // queued by Mosquitto for the persistent session
        }
        pub.disconnect();
        try (JarProcess second = JarProcess.start(dir, env, args)) {
            awaitConnected(rest, second);
            long deadline = System.currentTimeMillis() + 90_000;
            Map<Integer, Integer> mqtt;
            do {
                Thread.sleep(1000);
                RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "flush buffers"), null);
                mqtt = count(dir, "crash.mqtt.");
            } while (mqtt.size() < BEFORE + WHILE_DOWN && System.currentTimeMillis() < deadline);
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < BEFORE + WHILE_DOWN; i++) {
                Integer n = mqtt.get(i);
                if (n == null || n != 1) {
                    problems.add(i + "×" + n);
                }
            }
            assertTrue(problems.isEmpty(), "MQTT sequence numbers not exactly once: " + problems.subList(0,
                    Math.min(50, problems.size())) + " of " + problems.size() + "\n" + second.log());
            Map<Integer, Integer> put = count(dir, "crash.rest.");
            assertTrue(restAcked.size() > 0, "some PUTs were acknowledged before the kill");
            for (int seq : restAcked) {
                assertEquals(Integer.valueOf(1), put.get(seq), "acknowledged REST row " + seq);
            }
            for (Map.Entry<Integer, Integer> e : put.entrySet()) {
                assertEquals(1, e.getValue(), "REST row " + e.getKey() + " stored once");
            }
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "exit node"), null);
            assertEquals(0, second.waitFor(30), second.log());
        }
    }

    private static void publish(MqttClient pub, String topic, int seq) throws Exception {
        MqttTesting.publish(pub, topic, "{\"seq\": " + seq + "}", 1);
    }

    /** PUT streaming batches of 20 rows until stopped; records the rows of every batch answered 200. */
    private static void putLoop(int port, Set<Integer> acked, AtomicBoolean running) {
        int seq = 0;
        while (running.get()) {
            StringBuilder body = new StringBuilder("[");
            List<Integer> batch = new ArrayList<>();
            for (int k = 0; k < 20; k++, seq++) {
                body.append(k == 0 ? "" : ", ").append("{\"seq\": ").append(seq).append('}');
                batch.add(seq);
            }
            body.append(']');
            try {
                RawHttp.Response r = RawHttp.send(port, "PUT", "/", Map.of("dbms", "crash", "table", "rest", "mode",
                        "streaming", "Content-Type", "text/plain"), body.toString().getBytes(StandardCharsets.UTF_8));
                if (r.status() == 200) {
                    acked.addAll(batch);
                }
            } catch (IOException | RuntimeException e) {
                try {
                    Thread.sleep(20); // node down
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Sequence number → number of lines holding it, over the watch files whose name starts with the prefix. */
    private static Map<Integer, Integer> count(Path home, String prefix) throws IOException {
        Map<Integer, Integer> out = new HashMap<>();
        try (Stream<Path> s = Files.list(home.resolve("AnyLog-Network/data/watch"))) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                for (String line : Files.readString(p).split("\n")) {
                    Matcher m = SEQ.matcher(line);
                    if (m.find()) {
                        out.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    private static void awaitConnected(int rest, JarProcess p) throws Exception {
        JarStartIT.waitForRest(rest, p);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            RawHttp.Response r = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command",
                    "get msg client where format = json"));
            if (r.text().contains("\"connection\": \"Connected")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("message client did not connect\n" + p.log());
    }
}
