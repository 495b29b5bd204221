package io.edgepublisher.intake.client;

import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.intake.mapping.ErrorBuffer;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.DataFileName;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Message clients on an external broker: the real Mosquitto at 127.0.0.1:1883 (it must be running), publishers on
 * MQTT 3.1.1 and 5; and a private Mosquitto that is down while the node boots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalBrokerClientTest {
    @TempDir
    static Path home;
    private TestNode node;
    private Path watch;
    private final int downPort = Ports.free();
    private final String downTopic = MqttTesting.run() + "/late";

    @BeforeAll
    void boot() throws Exception {
        // the first client's broker is down at boot: neither the node nor the boot script may fail
        node = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 hour and volume = 1MB\n"
                + "run msg client where broker = 127.0.0.1 and port = " + downPort + " and topic = (name = "
                + downTopic + " and qos = 1 and dbms = late and table = t and column.v.int = bring [v])\n"
                + "set node name booted\n");
        watch = Path.of(node.node().dictionary().get("watch_dir"));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private MsgClient client(int id) {
        return IntakeModule.of(node.node()).clients().get(id);
    }

    private int register(String command) {
        node.ok(command);
        List<MsgClient> all = IntakeModule.of(node.node()).clients().all();
        return all.get(all.size() - 1).id();
    }

    private void awaitConnected(int id) throws InterruptedException {
        await("client " + id + " connected", () -> client(id).connection().startsWith("Connected"));
    }

    private static String name(String dbms, String table, String content) {
        return DataFileName.of(BufferKey.of(dbms, table), DataHash.md5(dbms, table,
                content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void twoTopicsWildcardsBothProtocolsAndBadPayloadsCounted() throws Exception {
        String run = MqttTesting.run();
        int id = register("run msg client where broker = 127.0.0.1 and port = 1883 and log = true and topic = (name = "
                + run + "/a/+ and dbms = mq and table = bring [t] and column.ts.timestamp = bring [ts] and column.v.float"
                + " = bring [v]) and topic = (name = " + run + "/b/# and qos = 1 and dbms = mq and table = b and"
                + " column.v.int = bring [v])");
        awaitConnected(id);
        assertEquals("Running", node.node().processes().status("MQTT").statusText());
        var v3 = MqttTesting.v3(1883);
        var v5 = MqttTesting.v5(1883);
        try {
            MqttTesting.publish(v3, run + "/a/x", "{\"t\": \"ta\", \"ts\": \"2024-01-01T00:00:00Z\", \"v\": 1.5}", 0);
            MqttTesting.publish(v3, run + "/a/x", "not json at all", 0);
            MqttTesting.publish(v5, run + "/a/y", "{\"t\": \"ta\", \"ts\": 1714564800123, \"v\": 2}", 1);
            MqttTesting.publish(v5, run + "/b/c/d", "{\"v\": 7}", 1);
            MqttTesting.publish(v3, run + "/b", "{\"v\": \"seven\"}", 1);
            MqttTesting.publish(v3, run + "/b/z", "[{\"v\": 8}, {\"w\": 9}, {\"v\": \"9\"}]", 2);
        } finally {
            v3.disconnect();
            MqttTesting.disconnect(v5);
        }
        await("8 messages", () -> client(id).stats().received() == 8);
        assertEquals(3, client(id).stats().errors());
        assertEquals(5, client(id).stats().mapped());
        node.ok("flush buffers");
        String a = "{\"ts\":\"2024-01-01T00:00:00Z\",\"v\":1.5}\n{\"ts\":\"2024-05-01 12:00:00.123000\",\"v\":2}";
        assertEquals(a, Files.readString(watch.resolve(name("mq", "ta", a))));
        String b = "{\"v\":7}\n{\"v\":8}\n{\"v\":9}";
        assertEquals(b, Files.readString(watch.resolve(name("mq", "b", b))));

        String table = node.ok("get msg client where id = " + id);
        assertTrue(table.startsWith("\r\nMessage Client " + id + "\r\nBroker "), table);
        assertTrue(table.matches("(?s).*\r\n127\\.0\\.0\\.1:1883\\|Connected to tcp://127\\.0\\.0\\.1:1883\\| +\\|"
                + " +8\\| +5\\| +3\\| +0\\|.*"), table);
        String json = node.ok("get msg client where id = " + id + " and format = json");
        assertTrue(json.contains("\"messages\": 8, \"success\": 5, \"errors\": 3"), json);
        assertTrue(json.contains("\"topic\": \"" + run + "/b/#\", \"qos\": 1"), json);
        node.ok("exit msg client " + id);
        assertEquals(null, node.node().camel().getRoute("mqtt-client-" + id));
    }

    @Test
    void aBurstIsStoredInArrivalOrderWithItsBadMessagesKept() throws Exception {
        // a burst arrives faster than one message at a time is stored: the session hands whole polls to intake, whose
        // rows are appended together; order, counts and the log_error lines must be those of one at a time
        String run = MqttTesting.run();
        int id = register("run msg client where broker = 127.0.0.1 and port = 1883 and log_error = true and topic ="
                + " (name = " + run + "/burst and dbms = burst and table = bring [t] and column.v.int = bring [v])");
        awaitConnected(id);
        int n = 1500;
        StringBuilder ta = new StringBuilder();
        StringBuilder tb = new StringBuilder();
        List<String> bad = new ArrayList<>();
        var v3 = MqttTesting.v3(1883);
        try {
            for (int i = 0; i < n; i++) {
                String payload;
                if (i % 10 == 3) {
                    payload = "not json " + i;
                    bad.add(payload);
                } else {
                    StringBuilder sb = i % 2 == 0 ? ta : tb;
                    sb.append(sb.length() == 0 ? "" : "\n").append("{\"v\":").append(i).append('}');
                    payload = "{\"t\": \"" + (i % 2 == 0 ? "ta" : "tb") + "\", \"v\": " + i + "}";
                }
                MqttTesting.publish(v3, run + "/burst", payload, 0);
            }
        } finally {
            v3.disconnect();
        }
        await(n + " messages", () -> client(id).stats().received() == n);
        assertEquals(bad.size(), client(id).stats().errors());
        assertEquals(n - bad.size(), client(id).stats().mapped());
        node.ok("flush buffers");
        assertEquals(ta.toString(), Files.readString(watch.resolve(name("burst", "ta", ta.toString()))));
        assertEquals(tb.toString(), Files.readString(watch.resolve(name("burst", "tb", tb.toString()))));
        Path err = Path.of(node.node().dictionary().get("err_dir"));
        BufferKey errors = ErrorBuffer.key(client(id).brokerName(), run + "/burst");
        assertEquals(bad, MqttTesting.lines(err, errors.dbms() + "." + errors.table() + "."));
        node.ok("exit msg client " + id);
    }

    @Test
    void sharedSubscriptionSplitsATopicBetweenTwoClients() throws Exception {
        String run = MqttTesting.run();
        String share = "\"$share/g" + run.substring(8) + "/" + run + "/s\""; // quoted: $share is not a variable
        // one topic per broker and client: the second client names the same Mosquitto as 'localhost'
        int c1 = register("run msg client where broker = 127.0.0.1 and topic = (name = " + share
                + " and qos = 1 and dbms = sh and table = t and column.n.int = bring [n])");
        int c2 = register("run msg client where broker = localhost and topic = (name = " + share
                + " and qos = 1 and dbms = sh and table = t and column.n.int = bring [n])");
        assertEquals(124, node.exec("run msg client where broker = localhost and topic = (name = " + share
                + " and dbms = sh and table = t and column.n.int = bring [n])").code());
        awaitConnected(c1);
        awaitConnected(c2);
        var v5 = MqttTesting.v5(1883);
        try {
            for (int i = 0; i < 60; i++) {
                MqttTesting.publish(v5, run + "/s", "{\"n\": " + i + "}", 1);
            }
        } finally {
            MqttTesting.disconnect(v5);
        }
        await("60 messages over both clients",
                () -> client(c1).stats().received() + client(c2).stats().received() == 60);
        assertTrue(client(c1).stats().received() > 0 && client(c2).stats().received() > 0,
                "both members of the group got messages: " + client(c1).stats().received());
        node.ok("flush buffers");
        List<String> rows = new ArrayList<>(MqttTesting.lines(watch, "sh.t."));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            expected.add("{\"n\":" + i + "}");
        }
        Collections.sort(rows);
        Collections.sort(expected);
        assertEquals(expected, rows, "each message in exactly one row");
        node.ok("exit msg client " + c1);
        node.ok("exit mqtt " + c2);
    }

    @Test
    void brokerDownAtBootThenUpConnectsByItself() throws Exception {
        MsgClient late = client(1);
        String broker = "tcp://127.0.0.1:" + downPort;
        assertTrue(late.connection().startsWith("Cannot connect to " + broker + " (")
                || late.connection().startsWith("Connecting to " + broker), late.connection());
        assertEquals("booted", node.node().name(), "the boot script went on");
        assertTrue(node.node().camel().getRouteController().getRouteStatus("mqtt-client-1").isStarted());
        Path conf = home.resolve("mosquitto-" + downPort + ".conf");
        Files.writeString(conf, "listener " + downPort + " 127.0.0.1\nallow_anonymous true\n");
        Process mosquitto = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("mosquitto.log").toFile()).start();
        try {
            await("late client connected", () -> late.connection().startsWith("Connected"));
            var v3 = MqttTesting.v3(downPort);
            MqttTesting.publish(v3, downTopic, "{\"v\": 1}", 1);
            v3.disconnect();
            await("message through the late broker", () -> late.stats().mapped() == 1);
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(10, TimeUnit.SECONDS);
        }
        node.ok("flush buffers");
        assertEquals("{\"v\":1}", Files.readString(watch.resolve(name("late", "t", "{\"v\":1}"))));
    }
}
