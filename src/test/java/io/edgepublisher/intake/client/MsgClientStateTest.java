package io.edgepublisher.intake.client;

import static io.edgepublisher.intake.MqttTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.client.mqtt.PahoSubscriber;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.testing.LogCapture;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message client says what its connection does: one WARN per change of state (cannot connect, connected, lost),
 * with the reason and when it tries again, and the state in the MQTT row of get processes. The broker is a private
 * Mosquitto that is down at first.
 */
class MsgClientStateTest {
    @TempDir
    Path home;

    @Test
    void eachStateChangeIsLoggedOnceAndShownInGetProcesses() throws Exception {
        int port = Ports.free();
        String broker = "tcp://127.0.0.1:" + port;
        try (LogCapture log = new LogCapture(PahoSubscriber.class);
             TestNode n = TestNode.start(home, Map.of(), "run msg client where broker = 127.0.0.1 and port = " + port
                 + " and topic = (name = state/test and dbms = s and table = t and column.v.int = bring [v])\n")) {
            MsgClient client = IntakeModule.of(n.node()).clients().get(1);
            await("three failed attempts", () -> client.connection().contains("), 3 attempts; retrying in "));
            List<String> lines = log.lines();
            assertEquals(1, lines.size(), "one line for three failed attempts: " + lines);
            assertTrue(lines.get(0).startsWith("Message client 1: cannot connect to " + broker + " (")
                && lines.get(0).contains("Connection refused")
                && lines.get(0).endsWith("); retrying in 1 s, backing off to every 60 s"), lines.get(0));
            ProcessStatus row = n.node().processes().status("MQTT");
            assertEquals("Running", row.statusText());
            assertTrue(row.details().startsWith("Client 1: Cannot connect to " + broker + " (")
                && row.details().contains("Connection refused") && row.details().endsWith("), 3 attempts; retrying in 4 s"),
                row.details());

            Path conf = home.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
            Process mosquitto = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("mosquitto.log").toFile()).start();
            try {
                await("connected", () -> client.connection().startsWith("Connected"));
                assertEquals(List.of(lines.get(0), "Message client 1: connected to " + broker + ", 1 topic(s) subscribed"),
                    log.lines());
                assertEquals("Client 1: Connected to " + broker, n.node().processes().status("MQTT").details());
            } finally {
                mosquitto.destroy();
                mosquitto.waitFor(10, TimeUnit.SECONDS);
            }
            await("two attempts after the loss", () -> client.connection().contains("), 2 attempts; retrying in "));
            lines = log.lines();
            assertEquals(4, lines.size(), lines.toString());
            assertTrue(lines.get(2).startsWith("Message client 1: connection to " + broker + " lost (")
                && lines.get(2).endsWith("); retrying in 1 s, backing off to every 60 s"), lines.get(2));
            // the first attempt after the loss (1 s later) fails: the next one comes 2 s after it
            assertTrue(lines.get(3).startsWith("Message client 1: cannot connect to " + broker + " (")
                && lines.get(3).endsWith("); retrying in 2 s, backing off to every 60 s"), lines.get(3));
        }
    }
}
