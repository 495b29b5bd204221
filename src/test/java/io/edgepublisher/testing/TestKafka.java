package io.edgepublisher.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real Kafka broker of the tests. {@code EP_TEST_KAFKA=host:port} (set by scripts/test.sh and CI) names it;
 * without it, one is started once per test JVM with scripts/kafka-local.sh on free ports and stopped at exit. When
 * neither works the test fails with what to do — it never skips.
 */
public final class TestKafka {
    public static final String ENV = "EP_TEST_KAFKA";
    private static String bootstrap;

    private TestKafka() {
    }

    /** {@code host:port} of the broker. */
    public static synchronized String bootstrap() {
        if (bootstrap != null) {
            return bootstrap;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            bootstrap = env.trim();
            return bootstrap;
        }
        bootstrap = startLocal();
        return bootstrap;
    }

    private static String startLocal() {
        Path script = Path.of("scripts/kafka-local.sh").toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            throw new AssertionError(ENV + " is not set and " + script + " is missing: start a broker"
                + " (scripts/kafka-local.sh start) and set " + ENV + "=127.0.0.1:9092");
        }
        int port = Ports.free();
        int controller = Ports.free();
        List<String> args = List.of("bash", script.toString(), "--port", Integer.toString(port), "--controller-port",
            Integer.toString(controller));
        try {
            Path data = Files.createTempDirectory("ep-test-kafka-");
            List<String> start = new ArrayList<>(args);
            start.addAll(List.of("--data-dir", data.toString(), "start"));
            Process p = new ProcessBuilder(start).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(ENV + " is not set and scripts/kafka-local.sh could not start a broker:\n" + out
                    + "\nStart one yourself and set " + ENV + "=host:port");
            }
            List<String> stop = new ArrayList<>(args);
            stop.addAll(List.of("--data-dir", data.toString(), "stop", "--delete-data"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder(stop).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the JVM is ending
                }
            }));
            return "127.0.0.1:" + port;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("starting Kafka with scripts/kafka-local.sh failed: " + e, e);
        }
    }

    public static Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        return Admin.create(p);
    }

    /** Creates a topic and waits until it exists. */
    public static void createTopic(String name, int partitions) throws Exception {
        try (Admin a = admin()) {
            a.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    public static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends {@code value} with a key (records of one key stay in one partition) and waits for the broker's ack. */
    public static void send(KafkaProducer<byte[], byte[]> p, String topic, String key, String value) throws Exception {
        p.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }

    /** Sends to an explicit partition without waiting; {@link KafkaProducer#flush} waits for all. */
    public static void sendAsync(KafkaProducer<byte[], byte[]> p, String topic, int partition, String value) {
        p.send(new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A map of the rows' {@code seq} values found in the watch files of {@code home} to how often each appears. */
    public static Map<Integer, Integer> seqCounts(Path home, String filePrefix) throws IOException {
        Map<Integer, Integer> out = new java.util.HashMap<>();
        Path watch = home.resolve("AnyLog-Network/data/watch");
        if (!Files.isDirectory(watch)) {
            return out;
        }
        java.util.regex.Pattern seq = java.util.regex.Pattern.compile("\"seq\": ?(\\d+)");
        try (var s = Files.list(watch)) {
            for (Path f : s.filter(x -> x.getFileName().toString().startsWith(filePrefix)).toList()) {
                for (String line : Files.readString(f).split("\n")) {
                    java.util.regex.Matcher m = seq.matcher(line);
                    if (m.find()) {
                        out.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }
}
