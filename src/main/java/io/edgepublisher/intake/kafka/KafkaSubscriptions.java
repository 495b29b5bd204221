package io.edgepublisher.intake.kafka;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;

/**
 * camel-kafka's hook for how a Kafka client subscribes (bound in the registry as {@code subscribeAdapter}, so it
 * serves every kafka endpoint of the node): a client of one of our consumers subscribes with a
 * {@link PartitionOwnership} around camel-kafka's rebalance listener; other kafka endpoints (user routes) subscribe as
 * camel-kafka's default adapter does.
 */
final class KafkaSubscriptions implements SubscribeAdapter {
    static final String REGISTRY_NAME = "subscribeAdapter";

    private final Function<String, KafkaConsumerHandle> byTopic;
    private final KafkaOffsets offsets;
    private final Map<Consumer<?, ?>, PartitionOwnership> clients = new ConcurrentHashMap<>();

    KafkaSubscriptions(Function<String, KafkaConsumerHandle> byTopic, KafkaOffsets offsets) {
        this.byTopic = byTopic;
        this.offsets = offsets;
    }

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener listener, TopicInfo topics) {
        KafkaConsumerHandle handle = topics.isPattern() || topics.getTopics().isEmpty() ? null
            : byTopic.apply(topics.getTopics().iterator().next());
        ConsumerRebalanceListener l = listener;
        if (handle != null) {
            PartitionOwnership o = new PartitionOwnership(handle, offsets, consumer, listener);
            clients.values().removeIf(old -> old.consumer() == consumer);
            clients.put(consumer, o);
            l = o;
        }
        if (topics.isPattern()) {
            consumer.subscribe(topics.getPattern(), l);
        } else {
            consumer.subscribe(new ArrayList<>(topics.getTopics()), l);
        }
    }

    /** The ownership of the client that fetched a record; null for a client we did not subscribe. */
    PartitionOwnership of(Consumer<?, ?> consumer) {
        return consumer == null ? null : clients.get(consumer);
    }

    /** Forgets the clients of a consumer that stopped. */
    void remove(KafkaConsumerHandle handle) {
        clients.values().removeIf(o -> o.handle() == handle);
    }
}
