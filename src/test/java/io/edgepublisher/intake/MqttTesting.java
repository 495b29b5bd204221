package io.edgepublisher.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** MQTT publishers (paho 3.1.1 and 5) and waiting helpers for the intake tests. */
public final class MqttTesting {
    private MqttTesting() {
    }

    /** A unique topic prefix, so runs on the shared Mosquitto do not see each other. */
    public static String run() {
        return "ep-test/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An MQTT 3.1.1 publisher. */
    public static org.eclipse.paho.client.mqttv3.MqttClient v3(int port) throws Exception {
        var c = new org.eclipse.paho.client.mqttv3.MqttClient("tcp://127.0.0.1:" + port,
                "v3-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        c.connect(o);
        return c;
    }

    /** An MQTT 3.1.1 publisher with credentials, to {@code uri} ({@code tcp://} or {@code ssl://}). */
    public static org.eclipse.paho.client.mqttv3.MqttClient v3(String uri, String user, String password,
            javax.net.SocketFactory sockets) throws Exception {
        var c = new org.eclipse.paho.client.mqttv3.MqttClient(uri, "v3-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setConnectionTimeout(10);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        if (sockets != null) {
            o.setSocketFactory(sockets);
            o.setHttpsHostnameVerificationEnabled(false);
        }
        try {
            c.connect(o);
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** An MQTT 5 publisher with credentials. */
    public static MqttAsyncClient v5(int port, String user, String password) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + port, "v5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        try {
            c.connect(o).waitForCompletion(10_000);
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** An MQTT 5 publisher. */
    public static MqttAsyncClient v5(int port) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + port, "v5-" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    public static void disconnect(MqttAsyncClient c) throws Exception {
        c.disconnect().waitForCompletion(5_000);
        c.close();
    }

    /**
     * Publishes with MQTT 3.1.1; for QoS 1 and 2 it returns once the broker has acknowledged. Paho 1.2.5 can refuse a
     * publish with "Too many publishes in progress" (32202) even when every earlier synchronous publish has returned
     * (eclipse-paho/paho.mqtt.java#551, open); the refused message was never sent, so it is published again after a
     * short pause.
     */
    public static void publish(org.eclipse.paho.client.mqttv3.MqttClient c, String topic, String payload, int qos)
            throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT
                        || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /** Publishes with MQTT 5 and returns the reason code of the PUBACK/PUBREC (0 for QoS 0). */
    public static int publish(MqttAsyncClient c, String topic, String payload, int qos)
            throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        IMqttToken t = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (t == null) {
            try {
                t = c.publish(topic, m);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                // the client's in-flight window is full on a busy machine: wait for acknowledgements
                if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT
                    || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
        t.waitForCompletion(10_000);
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    /** The lines of every file in {@code dir} whose name starts with {@code prefix}. */
    public static List<String> lines(Path dir, String prefix) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().startsWith(prefix)) {
                    out.addAll(List.of(Files.readString(p).split("\n")));
                }
            }
        }
        return out;
    }

    /** Files in {@code dir} whose name starts with {@code prefix}. */
    public static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
