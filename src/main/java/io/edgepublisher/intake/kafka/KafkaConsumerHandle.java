package io.edgepublisher.intake.kafka;

import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.MsgClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One running {@code run kafka consumer}: its number, options and counters. The mapping counters (messages, errors,
 * last error) live in a {@link MsgClient} that is not registered with the message clients: it is what
 * {@code MessageIntake} counts into, and it names the {@code log_error} buffer after the broker.
 */
public final class KafkaConsumerHandle {
    private final int id;
    private final KafkaConsumerOptions options;
    private final MsgClient client;
    private final String clientId;
    private final LongAdder records = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile java.util.Map<String, Long> journaledAtStart = java.util.Map.of();
    private volatile String lastCommitError = "";
    private volatile KafkaGroupProbe probe;

    KafkaConsumerHandle(int id, KafkaConsumerOptions options, String clientId) {
        this.id = id;
        this.options = options;
        this.clientId = clientId;
        List<ClientTopic> topics = new ArrayList<>();
        options.topics().forEach(m -> topics.add(ClientTopic.of(m)));
        String first = options.brokers().split(",")[0];
        int colon = first.lastIndexOf(':');
        this.client = new MsgClient(id, MsgClient.Kind.EXTERNAL, colon > 0 ? first.substring(0, colon) : first,
            colon > 0 ? Integer.parseInt(first.substring(colon + 1)) : 9092, null, options.security().user(),
            options.log(), options.logError(), topics);
    }

    public int id() {
        return id;
    }

    public String routeId() {
        return "kafka-consumer-" + id;
    }

    public KafkaConsumerOptions options() {
        return options;
    }

    /** The Kafka {@code client.id} of this consumer's members, unique per node process. */
    public String clientId() {
        return clientId;
    }

    MsgClient client() {
        return client;
    }

    /** Kafka records read (a record may hold several messages: a JSON list). */
    public long records() {
        return records.sum();
    }

    void record() {
        records.increment();
    }

    /** Messages mapped or failed, as {@code get msg client} counts them. */
    public long messages() {
        return client.stats().received();
    }

    public long errors() {
        return client.stats().errors();
    }

    public String lastError() {
        return client.stats().lastError();
    }

    public long rows() {
        return rows.sum();
    }

    void addRows(long n) {
        rows.add(n);
    }

    public long commits() {
        return commits.sum();
    }

    void committed() {
        commits.increment();
    }

    public String lastCommitError() {
        return lastCommitError;
    }

    void commitFailed(String detail) {
        lastCommitError = detail == null ? "" : detail;
    }

    /** Records not stored because this node had journaled them already (after a restart or a rebalance). */
    public long skipped() {
        return skipped.sum();
    }

    void skipped(long n) {
        skipped.add(n);
    }

    /** Records fetched before their partition moved to another member: left to the partition's next owner. */
    public long dropped() {
        return dropped.sum();
    }

    void drop() {
        dropped.increment();
    }

    /** {@code <topic>-<partition>} → last offset journaled on this node when the consumer started. */
    public java.util.Map<String, Long> journaledAtStart() {
        return journaledAtStart;
    }

    private volatile java.util.function.Supplier<java.util.Set<org.apache.kafka.common.TopicPartition>> held =
        java.util.Set::of;

    /** Partitions of this consumer's group whose records this node holds, unresolved (docs/SCALING.md). */
    public java.util.List<String> held() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (org.apache.kafka.common.TopicPartition tp : held.get()) {
            out.add(tp.topic() + "-" + tp.partition());
        }
        return out;
    }

    void held(java.util.function.Supplier<java.util.Set<org.apache.kafka.common.TopicPartition>> s) {
        held = s;
    }

    void journaledAtStart(java.util.Map<String, Long> m) {
        journaledAtStart = java.util.Map.copyOf(m);
    }

    KafkaGroupProbe probeOrNull() {
        return probe;
    }

    void probe(KafkaGroupProbe p) {
        this.probe = p;
    }

    /** The cluster view (brokers, assignment, lag), at most a couple of seconds old; null before the route runs. */
    public KafkaGroupProbe.Snapshot snapshot() {
        KafkaGroupProbe p = probe;
        return p == null ? null : p.snapshot();
    }

    void close() {
        KafkaGroupProbe p = probe;
        if (p != null) {
            p.close();
        }
    }
}
