package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.MqttTesting;
import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.wire.testing.OperatorSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on one MQTT 5 shared subscription (docs/SCALING.md) through the machine's Mosquitto on 127.0.0.1:1883: two
 * node JVMs subscribe {@code $share/<group>/<topic>} at QoS 1 with persistent sessions. Node A is killed with
 * {@code kill -9} mid-stream and started again on its home with the same client id. Every message the publisher got
 * PUBACKed by Mosquitto must reach the operator double: a node acknowledges only journaled rows, and
 * what it had not acknowledged is sent again. Both nodes publish to the in-repo operator double, where the rows are
 * counted.
 */
class MqttSharedSubscriptionIT {
    private static final int MESSAGES = 1600;
    private static final int KILL_AT = 600;

    @TempDir
    Path dir;

    @Test
    void twoNodesShareASubscriptionAndLoseNothingAcknowledged() throws Exception {
        String run = MqttTesting.run();
        String topic = run + "/s";
        String share = "\"$share/g" + run.substring(8) + "/" + topic + "\"";
        try (OperatorSink sink = OperatorSink.builder().watchDir(java.nio.file.Files.createDirectories(dir.resolve("operator"))).build().start()) {
            run(topic, share, run, sink);
        }
    }

    private void run(String topic, String share, String run, OperatorSink sink) throws Exception {
        Node a = new Node(dir.resolve("a"), "share-a", share, "share-a-" + run.substring(8), sink);
        Node b = new Node(dir.resolve("b"), "share-b", share, "share-b-" + run.substring(8), sink);
        MqttClient pub = MqttTesting.v3(1883);
        try (JarProcess nodeB = b.start()) {
            try (JarProcess nodeA = a.start()) {
                a.awaitConnected(nodeA);
                b.awaitConnected(nodeB);
                for (int i = 0; i < MESSAGES; i++) {
                    MqttTesting.publish(pub, topic, "{\"seq\": " + i + "}", 1);
                    if (i == KILL_AT) {
                        nodeA.kill9();
                    }
                }
            }
            pub.disconnect();
            try (JarProcess again = a.start()) {
                long deadline = System.currentTimeMillis() + 90_000;
                Map<Integer, Integer> all;
                do {
                    Thread.sleep(1000);
                    a.flush();
                    b.flush();
                    all = OperatorRows.seqs(sink);
                } while (all.size() < MESSAGES && System.currentTimeMillis() < deadline);
                OperatorRows.Tally tally = OperatorRows.Tally.of(all, MESSAGES);
                int onA = OperatorRows.filesFrom(sink, a.env.get("ANYLOG_SERVER_PORT"));
                int onB = OperatorRows.filesFrom(sink, b.env.get("ANYLOG_SERVER_PORT"));
                System.out.printf("MqttSharedSubscriptionIT: messages sent %d, at the operator double %d distinct (files from"
                    + " node A %d, node B %d), missing %d, duplicated %d%n", MESSAGES, all.size(), onA, onB, tally.missing().size(), tally.duplicated());
                assertTrue(tally.missing().isEmpty(), "messages missing: " + tally.missingSample()
                    + "\nA: " + again.log() + "\nB: " + nodeB.log());
                assertTrue(onA > 0 && onB > 0, "both nodes delivered files: A " + onA + ", B " + onB);
            }
        }
    }

    /** A node jar with a persistent QoS 1 shared subscription. */
    private static final class Node {
        final Path home;
        final int rest;
        final Map<String, String> env;
        final List<String> args;

        Node(Path home, String name, String share, String clientId, OperatorSink sink) throws Exception {
            this.home = home;
            Files.createDirectories(home);
            this.rest = Ports.free();
            int tcp = Ports.free();
            Path script = home.resolve("boot.al");
            Files.writeString(script, "set buffer threshold where time = 1 second and volume = 64KB\n"
                + "run streamer\n"
                + "run rest server where internal_ip = 127.0.0.1 and internal_port = " + rest + "\n"
                + "run msg client where broker = 127.0.0.1 and port = 1883 and client_id = " + clientId
                + " and topic = (name = " + share + " and qos = 1 and dbms = share and table = rows and"
                + " column.seq.int = \"bring [seq]\")\n" + OperatorRows.publisherScript("share", tcp, sink));
            this.env = Map.of("EP_HOME", home.toString(), "LOCAL_IP", "127.0.0.1",
                "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
                "NODE_NAME", name);
            this.args = List.of("--no-cli", "--LEDGER_CONN=", "--script", script.toString());
        }

        JarProcess start() throws Exception {
            JarProcess p = JarProcess.start(home, env, List.of("-Xmx256m"), args);
            JarStartIT.waitForRest(rest, p);
            return p;
        }

        void awaitConnected(JarProcess p) throws Exception {
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                if (RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "get msg client where format = json"))
                        .text().contains("\"connection\": \"Connected")) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError(home + ": message client did not connect\n" + p.log());
        }

        void flush() throws Exception {
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "flush buffers"), null);
        }
    }
}
