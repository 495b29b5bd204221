package io.edgepublisher.intake.broker;

import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.DataFileName;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * This node's broker (INTAKE.md §2) with {@code broker = local} clients: MQTT 3.1.1 and 5 publishers at QoS 0/1/2,
 * the MQTT 5 reason codes, the captured {@code local_broker_client} rows, errors 81/124/136, and the route
 * {@code message-broker} stopped and started like over JMX.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageBrokerTest {
    @TempDir
    static Path home;
    private TestNode node;
    private Path watch;
    private int port;
    private JsonNode conformance;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of(), "set buffer threshold where time = 1 hour and volume = 1MB\n");
        watch = Path.of(node.node().dictionary().get("watch_dir"));
        try (InputStream in = getClass().getResourceAsStream("/conformance/mqtt-mapping.json")) {
            conformance = new ObjectMapper().readTree(in);
        }
        CommandResult early = node.exec(conformance.at("/local_broker_client/msg_client_command").asText());
        assertEquals(124, early.code());
        assertEquals("Message broker is not running", early.detail());
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            CommandResult inUse = node.exec("run message broker where external_ip = 127.0.0.1 and external_port = "
                    + taken.getLocalPort() + " and internal_ip = 127.0.0.1 and internal_port = " + taken.getLocalPort()
                    + " and bind = true");
            assertEquals(81, inUse.code());
            assertEquals("Host and port '127.0.0.1:" + taken.getLocalPort() + "' already in use", inUse.detail());
        }
        port = Ports.free();
        node.ok("run message broker 127.0.0.1 " + port + " 127.0.0.1 " + port + " 2");
        node.ok(conformance.at("/local_broker_client/msg_client_command").asText());
        node.ok("run msg client where broker = local and topic = (name = qos/+ and dbms = bq and table = bring [t] and"
                + " column.n.int = bring [n])");
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    private static String name(String dbms, String table, String content) {
        return DataFileName.of(BufferKey.of(dbms, table), DataHash.md5(dbms, table,
                content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void processRowAndDuplicateStart() {
        assertEquals("Listening on: 127.0.0.1:" + port + ", Threads Pool: 2",
                node.node().processes().status("Message Broker").details());
        CommandResult again = node.exec("run message broker where internal_port = " + Ports.free());
        assertEquals(136, again.code());
    }

    @Test
    void capturedLocalBrokerRows() throws Exception {
        var v3 = MqttTesting.v3(port);
        for (JsonNode m : conformance.at("/local_broker_client/messages")) {
            MqttTesting.publish(v3, m.get("topic").asText(), m.get("payload_utf8").asText(), 0);
        }
        v3.disconnect();
        MsgClient c = IntakeModule.of(node.node()).clients().get(1);
        await("2 messages", () -> c.stats().mapped() == 2);
        node.ok("flush buffers");
        // the captured file, with the milliseconds of the epoch timestamp kept (INTAKE.md §3.6)
        String content = conformance.at("/local_broker_client/output_files/0/content").asText()
                .replace("12:00:00.000000", "12:00:00.123000");
        assertEquals(content, Files.readString(watch.resolve(name("conformance_mqtt", "mqtt_utf8", content))));
    }

    @Test
    void qos012FromBothProtocolsWithReasonCodes() throws Exception {
        var v3 = MqttTesting.v3(port);
        MqttAsyncClient v5 = MqttTesting.v5(port);
        try {
            for (int q = 0; q <= 2; q++) {
                MqttTesting.publish(v3, "qos/" + q, "{\"t\": \"v3\", \"n\": " + q + "}", q);
            }
            for (int q = 0; q <= 2; q++) {
                assertEquals(0, MqttTesting.publish(v5, "qos/" + q, "{\"t\": \"v5\", \"n\": " + q + "}", q));
            }
            assertEquals(0x10, MqttTesting.publish(v5, "nobody/listens", "{\"n\": 1}", 1));
            // QoS 2: paho reports the PUBCOMP's reason code, not the PUBREC's; the PUBREC carries 0x10 / 0x99 too
            MqttTesting.publish(v5, "nobody/listens", "{\"n\": 1}", 2);
            assertEquals(0x99, MqttTesting.publish(v5, "qos/x", "{\"t\": \"v5\", \"n\": \"many\"}", 1));
            try {
                MqttTesting.publish(v5, "qos/x", "definitely not json", 2);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                assertEquals(0x99, e.getReasonCode(), "a PUBREC with a reason >= 0x80 ends the QoS 2 flow");
            }
        } finally {
            v3.disconnect();
            MqttTesting.disconnect(v5);
        }
        MsgClient c = IntakeModule.of(node.node()).clients().get(2);
        await("6 mapped messages", () -> c.stats().mapped() == 6);
        assertEquals(2, c.stats().errors());
        node.ok("flush buffers");
        assertEquals("{\"n\":0}\n{\"n\":1}\n{\"n\":2}", Files.readString(watch.resolve(name("bq", "v3",
                "{\"n\":0}\n{\"n\":1}\n{\"n\":2}"))));
        assertEquals("{\"n\":0}\n{\"n\":1}\n{\"n\":2}", Files.readString(watch.resolve(name("bq", "v5",
                "{\"n\":0}\n{\"n\":1}\n{\"n\":2}"))));
    }

    @Test
    void stoppingTheRouteStopsAcceptingPublishes() throws Exception {
        var ctx = node.node().camel();
        ctx.getRouteController().stopRoute(MessageBroker.ROUTE_ID);
        try {
            assertEquals("Not declared", node.node().processes().status("Message Broker").statusText());
            assertThrows(Exception.class, () -> MqttTesting.v3(port), "CONNACK server unavailable");
        } finally {
            ctx.getRouteController().startRoute(MessageBroker.ROUTE_ID);
        }
        assertEquals("Running", node.node().processes().status("Message Broker").statusText());
        var v3 = MqttTesting.v3(port);
        MqttTesting.publish(v3, "qos/1", "{\"t\": \"after\", \"n\": 1}", 1);
        v3.disconnect();
    }
}
