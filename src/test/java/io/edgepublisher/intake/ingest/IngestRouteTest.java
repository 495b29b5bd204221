package io.edgepublisher.intake.ingest;

import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.intake.client.ClientMessage;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.DataFileName;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every intake path of a real node reaches {@code direct:ingest} as a real message: the payload is the body (bytes,
 * so a trace shows it), dbms/table or message client/topic/QoS are headers. A mock endpoint woven in front of the
 * {@code ingest} route (AdviceWith) records what arrives; NotifyBuilder waits for the source route's exchange; the rows
 * stored are checked byte for byte. MQTT goes through the machine's Mosquitto and this node's broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRouteTest {
    @TempDir
    static Path home;
    private TestNode node;
    private CamelContext ctx;
    private MockEndpoint arrived;
    private Path watch;
    private final int brokerPort = Ports.free();

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 hour and volume = 1MB\n"
                + "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n"
                + "run message broker where external_ip = 127.0.0.1 and external_port = " + brokerPort
                + " and internal_ip = 127.0.0.1 and internal_port = " + brokerPort + " and bind = true\n");
        ctx = node.node().camel();
        watch = Path.of(node.node().dictionary().get("watch_dir"));
        AdviceWith.adviceWith(ctx, IngestRoute.ROUTE_ID, a -> a.weaveAddFirst().to("mock:ingest-arrived"));
        arrived = ctx.getEndpoint("mock:ingest-arrived", MockEndpoint.class);
        // the supervising route controller leaves a route re-added to a running context for the node to start
        ctx.getRouteController().startRoute(IngestRoute.ROUTE_ID);
    }

    @BeforeEach
    void reset() {
        arrived.reset();
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private static String name(String dbms, String table, String source, String content) {
        return DataFileName.of(BufferKey.of(dbms, table, source, "0"),
                DataHash.md5(dbms, table, content.getBytes(StandardCharsets.UTF_8)));
    }

    private Message only() {
        List<Exchange> got = arrived.getReceivedExchanges();
        assertEquals(1, got.size(), "exchanges at direct:ingest");
        return got.get(0).getMessage();
    }

    private int lastClient() {
        List<MsgClient> all = IntakeModule.of(node.node()).clients().all();
        return all.get(all.size() - 1).id();
    }

    @Test
    void anMqttClientMessageIsItsPayloadWithClientTopicAndQos() throws Exception {
        String topic = MqttTesting.run() + "/ingest";
        node.ok("run msg client where broker = 127.0.0.1 and port = 1883 and topic = (name = " + topic
                + " and qos = 1 and dbms = ing and table = mq and column.v.int = bring [v])");
        int id = lastClient();
        await("client connected", () -> IntakeModule.of(node.node()).clients().get(id).connection()
                .startsWith("Connected"));
        NotifyBuilder done = new NotifyBuilder(ctx).fromRoute("mqtt-client-" + id).whenCompleted(1).create();
        var v5 = MqttTesting.v5(1883);
        try {
            MqttTesting.publish(v5, topic, "{\"v\": 7, \"extra\": \"x\"}", 1);
        } finally {
            MqttTesting.disconnect(v5);
        }
        assertTrue(done.matches(20, TimeUnit.SECONDS), "mqtt-client-" + id + " completed one exchange");
        Message m = only();
        // a session sends each poll as one exchange: the body lists its messages (here one)
        List<?> batch = assertInstanceOf(List.class, m.getBody());
        assertEquals(1, batch.size());
        ClientMessage cm = assertInstanceOf(ClientMessage.class, batch.get(0));
        assertArrayEquals("{\"v\": 7, \"extra\": \"x\"}".getBytes(StandardCharsets.UTF_8), cm.payload());
        assertEquals(topic, cm.topic());
        assertEquals(1, cm.qos());
        assertEquals(topic + " (qos 1): {\"v\": 7, \"extra\": \"x\"}", cm.toString());
        assertEquals(id, m.getHeader(IngestRoute.MSG_CLIENT));
        assertEquals(topic, m.getHeader(IngestRoute.TOPIC));
        assertEquals(1, m.getHeader(IngestRoute.QOS));
        assertEquals(1, m.getHeader(IngestRoute.MESSAGES));
        node.ok("exit msg client " + id);
        node.ok("flush buffers");
        assertEquals("{\"v\":7}", Files.readString(watch.resolve(name("ing", "mq", "0", "{\"v\":7}"))));
    }

    @Test
    void aMessageToThisNodesBrokerIsItsPayloadForTheLocalClients() throws Exception {
        String topic = MqttTesting.run() + "/local";
        node.ok("run msg client where broker = local and topic = (name = " + topic
                + " and dbms = ing and table = local and column.n.int = bring [n])");
        int id = lastClient();
        NotifyBuilder done = new NotifyBuilder(ctx).fromRoute("message-broker").whenCompleted(1).create();
        var v5 = MqttTesting.v5(brokerPort);
        try {
            MqttTesting.publish(v5, topic, "{\"n\": 41}", 1);
        } finally {
            MqttTesting.disconnect(v5);
        }
        assertTrue(done.matches(20, TimeUnit.SECONDS), "message-broker completed one exchange");
        Message m = only();
        assertArrayEquals("{\"n\": 41}".getBytes(StandardCharsets.UTF_8), (byte[]) m.getBody());
        assertEquals(IngestRoute.LOCAL_CLIENTS, m.getHeader(IngestRoute.MSG_CLIENT));
        assertEquals(topic, m.getHeader(IngestRoute.TOPIC));
        assertEquals(1, m.getHeader(IngestRoute.QOS));
        node.ok("exit msg client " + id);
        node.ok("flush buffers");
        assertEquals("{\"n\":41}", Files.readString(watch.resolve(name("ing", "local", "0", "{\"n\":41}"))));
    }

    @Test
    void aRestPutIsItsBodyWithTheBufferHeadersAndNoHttpHeaderSteersIt() throws Exception {
        NotifyBuilder done = new NotifyBuilder(ctx).fromRoute("rest-api").whenCompleted(1).create();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("User-Agent", "python-requests/2.31");
        h.put("Content-Type", "text/plain");
        h.put("dbms", "Ing");
        h.put("table", "put");
        h.put("source", "s9");
        h.put("mode", "file");
        h.put("msgClient", "1"); // an HTTP header may not pick the mapped branch
        String body = "{\"a\": 1}";
        RawHttp.Response r = RawHttp.send(node.restPort(), "PUT", "/", h, body.getBytes(StandardCharsets.UTF_8));
        String file = name("ing", "put", "s9", body);
        assertEquals(200, r.status(), r.text());
        assertEquals("{\"AnyLog.status\":\"Success\", \"AnyLog.hash\": \"" + file.split("\\.")[3] + "\" }", r.text());
        assertTrue(done.matches(10, TimeUnit.SECONDS));
        Message m = only();
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), (byte[]) m.getBody());
        assertEquals(Map.of("dbms", "ing", "table", "put", "source", "s9", "instructions", "0", "type", "json",
                "mode", "file"), Map.copyOf(m.getHeaders()));
        assertEquals(body, Files.readString(watch.resolve(file)));
    }

    @Test
    void aRestPostOfARestClientIsItsBodyForThatClient() throws Exception {
        node.ok("run msg client where broker = rest and user-agent = ingtest and topic = (name = t1 and dbms = ing"
                + " and table = post and column.n.int = bring [n])");
        int id = lastClient();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("User-Agent", "ingtest/1.0");
        h.put("command", "data");
        h.put("Content-Type", "text/plain");
        RawHttp.Response r = RawHttp.post(node.restPort(), h, "{\"n\": 5}");
        assertEquals(200, r.status(), r.text());
        Message m = only();
        assertArrayEquals("{\"n\": 5}".getBytes(StandardCharsets.UTF_8), (byte[]) m.getBody());
        assertEquals(id, m.getHeader(IngestRoute.MSG_CLIENT));
        assertEquals("t1", m.getHeader(IngestRoute.TOPIC));
        node.ok("exit msg client " + id);
        node.ok("flush buffers");
        assertEquals("{\"n\":5}", Files.readString(watch.resolve(name("ing", "post", "0", "{\"n\":5}"))));
    }
}
