package io.edgepublisher.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A publisher node jar on its own home and ports whose boot script runs one Kafka consumer (for the Kafka ITs). */
final class KafkaNode {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> ANYLOG = Map.of("User-Agent", "AnyLog/1.23");

    final Path home;
    final int rest;
    final Map<String, String> env;
    final List<String> args;

    KafkaNode(Path home, String name, String brokers, String topic, String group, int maxPoll) throws Exception {
        this(home, name, brokers, topic, group, maxPoll, null);
    }

    /** With a sink, the node also publishes its files to that operator double. */
    KafkaNode(Path home, String name, String brokers, String topic, String group, int maxPoll,
            io.edgepublisher.wire.testing.OperatorSink sink) throws Exception {
        this.home = home;
        Files.createDirectories(home);
        this.rest = Ports.free();
        int tcp = Ports.free();
        Path script = home.resolve("boot.al");
        String[] hp = brokers.split(":");
        Files.writeString(script, "set buffer threshold where time = 1 second and volume = 64KB\n"
            + "run streamer\n"
            + "run rest server where internal_ip = 127.0.0.1 and internal_port = " + rest + "\n"
            + "run kafka consumer where ip = " + hp[0] + " and port = " + hp[1] + " and reset = earliest"
            + " and group_id = " + group + " and max_poll = " + maxPoll + " and topic = (name = " + topic
            + " and dbms = kdb and table = rows and column.seq.int = \"bring [seq]\")\n"
            + (sink == null ? "" : OperatorRows.publisherScript("kdb", tcp, sink)));
        this.env = Map.of("EP_HOME", home.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
            "NODE_NAME", name);
        this.args = List.of("--no-cli", "--LEDGER_CONN=", "--script", script.toString());
    }

    JarProcess start() throws Exception {
        return start(List.of());
    }

    /** With extra JVM options (the test seams' system properties). */
    JarProcess start(List<String> jvmOptions) throws Exception {
        List<String> o = new java.util.ArrayList<>(List.of("-Xmx256m"));
        o.addAll(jvmOptions);
        JarProcess p = JarProcess.start(home, env, o, args);
        JarStartIT.waitForRest(rest, p);
        return p;
    }

    JsonNode consumer() throws Exception {
        String text = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command",
            "get kafka consumer where format = json")).text();
        return JSON.readTree(text).get(0);
    }

    /** Waits until this node's consumer holds {@code n} partitions; fails after {@code seconds}. */
    void awaitPartitions(int n, int seconds, JarProcess p) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode c = null;
        while (System.currentTimeMillis() < deadline) {
            c = consumer();
            if (c != null && c.get("partitions").size() == n) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(home + ": consumer did not hold " + n + " partitions within " + seconds + " s: " + c
            + "\n" + p.log());
    }

    /** The group's committed offsets, partition → next offset to read (absent: nothing committed). */
    static Map<Integer, Long> committed(String group) throws Exception {
        try (org.apache.kafka.clients.admin.Admin a = TestKafka.admin()) {
            Map<Integer, Long> out = new java.util.TreeMap<>();
            a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, java.util.concurrent.TimeUnit.SECONDS)
                .forEach((tp, om) -> {
                    if (om != null) {
                        out.put(tp.partition(), om.offset());
                    }
                });
            return out;
        }
    }

    /**
     * The records a node kept after a kill although the group had not committed them: per partition, the offsets from
     * the group's committed one to the node's skip threshold after its restart (the consumer's
     * {@code journaled_at_start}: its commit mark, or an offset already in a data file). Records it journaled past
     * that threshold were dropped by journal recovery. Empty unless the kill fell between a commit mark and the
     * broker's answer, or a flush cut a file between a journal write and its commit (docs/SCALING.md).
     */
    static Map<Integer, long[]> uncommitted(JsonNode restarted, String topic, Map<Integer, Long> committed) {
        Map<Integer, long[]> out = new java.util.TreeMap<>();
        restarted.get("journaled_at_start").fields().forEachRemaining(e -> {
            int p = Integer.parseInt(e.getKey().substring(topic.length() + 1));
            long from = committed.getOrDefault(p, 0L);
            long to = e.getValue().asLong();
            if (to >= from) {
                out.put(p, new long[] {from, to});
            }
        });
        return out;
    }

    /**
     * How many records the node's commit marks ({@code !journal_dir/kafka/committed}) are ahead of the group's
     * committed offsets: the records of the first window of docs/SCALING.md (mark written, commit not confirmed).
     */
    long marksAhead(String topic, Map<Integer, Long> committed) throws Exception {
        long n = 0;
        try (java.util.stream.Stream<Path> s = Files.walk(home)) {
            for (Path f : s.filter(p -> p.endsWith(Path.of("kafka", "committed"))).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] c = line.split("\t");
                    if (c.length == 4 && c[1].equals(topic)) {
                        n += Math.max(0, Long.parseLong(c[3]) - committed.getOrDefault(Integer.parseInt(c[2]), 0L));
                    }
                }
            }
        }
        return n;
    }

    /** How many journal records the node's boot recovery dropped (never committed, Kafka delivers them again). */
    static long droppedAtRecovery(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("Journal recovery: dropped (\\d+) journal records of Kafka").matcher(log);
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    void flush() throws Exception {
        RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "flush buffers"), null);
    }

    Map<Integer, Integer> seqs() throws Exception {
        return TestKafka.seqCounts(home, "kdb.rows.");
    }

    /** One record of 10 rows with sequence numbers {@code 10 * i … 10 * i + 9}. */
    static String record(int i) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < 10; k++) {
            sb.append(k == 0 ? "" : ",").append("{\"seq\": ").append(i * 10 + k).append('}');
        }
        return sb.append(']').toString();
    }
}
