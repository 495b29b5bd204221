package io.edgepublisher.intake.broker;

import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PUBLISH over the broker's 1 MiB packet limit closes the publisher's connection (INTAKE.md §2) and is counted as
 * a failed message in {@code get msg client} (§3.10); the next messages are stored as usual.
 */
class BrokerPacketLimitTest {
    @TempDir
    Path home;

    @Test
    void anOversizedPublishIsCountedAsAnError() throws Exception {
        int port = Ports.free();
        try (TestNode node = TestNode.start(home, Map.of(), "run message broker 127.0.0.1 " + port + " 127.0.0.1 "
            + port + " 1\n"
            + "run msg client where broker = local and topic = (name = big/+ and qos = 1 and dbms = lim and table ="
            + " t and column.v.str = bring [v])\n")) {
            MsgClient c = IntakeModule.of(node.node()).clients().get(1);
            var v3 = MqttTesting.v3(port);
            String twoMb = "{\"v\": \"" + "x".repeat(2_000_000) + "\"}";
            // MQTT 3.1.1 publishers do not know the limit; MQTT 5 ones are told in the CONNACK and refuse to send
            assertThrows(Exception.class, () -> MqttTesting.publish(v3, "big/1", twoMb, 1), "the connection ends");
            await("the oversized message counted", () -> c.stats().errors() == 1);
            assertEquals(1, c.stats().received());
            assertTrue(c.stats().lastError().matches("MQTT message of 20000\\d\\d bytes exceeds the broker's packet"
                + " limit of 1048576 bytes; the connection of 'v3-.*' from 127\\.0\\.0\\.1:\\d+ was closed"),
                c.stats().lastError());
            String table = node.ok("get msg client");
            assertTrue(table.contains("exceeds the broker's packet limit of 1048576 bytes"), table);
            try {
                v3.close();
            } catch (Exception e) {
                // already disconnected by the broker
            }

            var next = MqttTesting.v3(port);
            MqttTesting.publish(next, "big/2", "{\"v\": \"small\"}", 1);
            next.disconnect();
            assertEquals(1, c.stats().mapped(), "the next message is stored");
            assertEquals(2, c.stats().received());
            assertEquals(1, c.stats().errors());
        }
    }
}
