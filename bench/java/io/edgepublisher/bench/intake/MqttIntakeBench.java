package io.edgepublisher.bench.intake;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * MQTT intake throughput: messages published to a private Mosquitto (unlimited queue), received by the node's message
 * client, mapped and buffered into watch files — and, in the same run, the raw ceiling: the same messages delivered
 * to a bare paho MQTT 5 subscriber that does nothing with them. Each side first receives a warm-up of up to 20,000
 * messages that is not timed, so that steady states are compared.
 *
 * <pre>MqttIntakeBench [messages=200000] [rowsPerMessage=1] [qos=0,1] [journal=always]</pre>
 */
public final class MqttIntakeBench {
    public static void main(String[] a) throws Exception {
        int n = a.length > 0 ? Integer.parseInt(a[0]) : 200_000;
        int rows = a.length > 1 ? Integer.parseInt(a[1]) : 1;
        String[] qoss = (a.length > 2 ? a[2] : "0,1").split(",");
        String journal = a.length > 3 ? a[3] : "always";
        int port = BenchNode.freePort();
        Process mosquitto = BenchNode.mosquitto(port);
        try {
            for (String q : qoss) {
                int qos = Integer.parseInt(q.trim());
                double raw = raw(port, qos, n, rows);
                double node = node(port, qos, n, rows, journal);
                System.out.printf("MQTT QoS %d, %d messages x %d rows, journal %s: node %,.0f rows/s, raw paho "
                        + "subscriber %,.0f rows/s (%.0f %%)%n", qos, n, rows, journal, node, raw, 100 * node / raw);
            }
        } finally {
            BenchNode.stop(mosquitto);
        }
    }

    static byte[] payload(long id, int rows) {
        StringBuilder sb = new StringBuilder(rows * 64);
        if (rows > 1) {
            sb.append('[');
        }
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            long k = id * rows + i;
            sb.append("{\"ts\": \"2024-04-17T10:00:").append(String.format("%02d", k % 60))
                    .append(".000000Z\", \"v\": ").append(k % 1000 / 10.0).append(", \"id\": ").append(k).append('}');
        }
        if (rows > 1) {
            sb.append(']');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes n messages; QoS 1 keeps up to 1,000 in flight. */
    static void publish(int port, String topic, int qos, int n, int rows) throws Exception {
        MqttAsyncClient pub = new MqttAsyncClient("tcp://127.0.0.1:" + port, "bench-pub-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000);
        o.setCleanSession(true);
        pub.connect(o).waitForCompletion();
        byte[][] payloads = new byte[1000][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = payload(i, rows);
        }
        // paho keeps at most maxInflight publishes of any QoS (QoS 0 ones until written to the socket)
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(900);
        for (int i = 0; i < n; i++) {
            window.acquire();
            MqttMessage m = new MqttMessage(payloads[i % payloads.length]);
            m.setQos(qos);
            while (true) {
                try {
                    pub.publish(topic, m, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                        @Override
                        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken t) {
                            window.release();
                        }

                        @Override
                        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken t, Throwable e) {
                            window.release();
                        }
                    });
                    break;
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    Thread.sleep(1); // too many in flight at QoS 0: the paho client's own window
                }
            }
        }
        window.acquire(900); // every publish written (QoS 0) or acknowledged by the broker (QoS 1)
        pub.disconnect().waitForCompletion(10_000);
        pub.close();
    }

    /** The ceiling: a paho MQTT 5 subscriber that only counts. */
    static double raw(int port, int qos, int n, int rows) throws Exception {
        String topic = "bench/raw/" + System.nanoTime();
        AtomicLong got = new AtomicLong();
        var sub = new org.eclipse.paho.mqttv5.client.MqttAsyncClient("tcp://127.0.0.1:" + port, "bench-raw-"
                + System.nanoTime(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        sub.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                got.incrementAndGet();
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean r, String s) {
            }

            @Override
            public void authPacketArrived(int r, MqttProperties p) {
            }
        });
        sub.connect().waitForCompletion();
        sub.subscribe(topic, qos).waitForCompletion();
        int warm = warmUp(n);
        publish(port, topic, qos, warm, rows);
        for (long end = System.nanoTime() + 60_000_000_000L; got.get() < warm && System.nanoTime() < end; ) {
            Thread.sleep(5);
        }
        got.set(0);
        long t0 = System.nanoTime();
        publish(port, topic, qos, n, rows);
        while (got.get() < n && System.nanoTime() - t0 < 300e9) {
            Thread.sleep(5);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        sub.disconnect().waitForCompletion();
        sub.close();
        if (got.get() < n) {
            System.out.println("raw subscriber received only " + got.get() + " of " + n);
        }
        return (double) got.get() * rows / secs;
    }

    /** The node: message client → mapping → buffers (journal) → watch files. */
    static double node(int port, int qos, int n, int rows, String journal) throws Exception {
        String topic = "bench/node/" + System.nanoTime();
        TestNode node = BenchNode.node(journal, "set buffer threshold where time = 60 seconds and volume = 1MB\n"
                + "run streamer\nrun msg client where broker = 127.0.0.1 and port = " + port + " and topic = (name = "
                + topic + " and qos = " + qos + " and dbms = bench and table = mqtt and column.ts.timestamp = bring"
                + " [ts] and column.v.float = bring [v] and column.id.int = bring [id])\n");
        try {
            MsgClient c = IntakeModule.of(node.node()).clients().get(1);
            while (!c.connection().startsWith("Connected")) {
                Thread.sleep(10);
            }
            long warmRows = (long) warmUp(n) * rows;
            publish(port, topic, qos, warmUp(n), rows);
            for (long end = System.nanoTime() + 60_000_000_000L; c.stats().mapped() < warmRows
                    && System.nanoTime() < end; ) {
                Thread.sleep(5);
            }
            long t0 = System.nanoTime();
            publish(port, topic, qos, n, rows);
            long expected = warmRows + (long) n * rows; // each element of a JSON list payload is a message of one row
            while (c.stats().mapped() < expected && System.nanoTime() - t0 < 300e9) {
                Thread.sleep(5);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long mapped = c.stats().mapped() - warmRows;
            expected -= warmRows;
            node.ok("flush buffers");
            long stored = rowsIn(Path.of(node.node().dictionary().get("watch_dir")));
            if (mapped < expected || stored != mapped + warmRows || c.stats().errors() > 0) {
                System.out.println("node: mapped " + mapped + " of " + expected + " rows, " + stored + " rows in files, "
                        + c.stats().errors() + " errors");
            }
            return mapped / secs;
        } finally {
            Path home = node.node().dirs().home();
            node.close();
            BenchNode.delete(home);
        }
    }

    /** Messages sent before the timed run, on both sides, so that steady state is compared (JIT, buffers, pools). */
    static int warmUp(int n) {
        return Math.min(n, 20_000);
    }

    static long rowsIn(Path watch) throws Exception {
        long rows = 0;
        try (Stream<Path> s = Files.list(watch)) {
            for (Path p : s.toList()) {
                byte[] b = Files.readAllBytes(p);
                rows += b.length == 0 ? 0 : 1;
                for (byte x : b) {
                    rows += x == '\n' ? 1 : 0;
                }
            }
        }
        return rows;
    }

}
