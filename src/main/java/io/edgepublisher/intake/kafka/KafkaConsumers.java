package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.mapping.MappingErrors;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
import io.edgepublisher.streamer.StreamerModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The node's Kafka consumers (node service), numbered 1, 2, … A topic may be consumed by one consumer of this node
 * only; several nodes share a topic through one consumer group.
 */
public final class KafkaConsumers {
    private final Node node;
    private final Map<Integer, KafkaConsumerHandle> consumers = new ConcurrentSkipListMap<>();
    private int lastId;

    KafkaConsumers(Node node) {
        this.node = node;
    }

    /** Starts a consumer: its route, then its probe. */
    public KafkaConsumerHandle start(KafkaConsumerOptions o) {
        KafkaConsumerHandle c;
        synchronized (this) {
            for (KafkaConsumerHandle other : consumers.values()) {
                for (var t : o.topics()) {
                    if (other.client().topicNamed(t.topic()) != null) {
                        throw MappingErrors.topicError("The Topic '" + t.topic() + "' is consumed by Kafka consumer #"
                            + other.id());
                    }
                }
            }
            int id = lastId + 1;
            c = new KafkaConsumerHandle(id, o, node.name() + "-kafka-" + id + "-" + ProcessHandle.current().pid());
            lastId = id;
            consumers.put(id, c);
        }
        try {
            var streamer = StreamerModule.service(node);
            Routes.addAndStart(node, new KafkaConsumerRoute(c, IntakeModule.of(node).messages(),
                streamer.buffers().storage()), c.routeId());
            c.probe(new KafkaGroupProbe(c, KafkaConsumerRoute.securityProperties(o.security())));
        } catch (RuntimeException e) {
            synchronized (this) {
                consumers.remove(c.id());
                if (lastId == c.id()) {
                    lastId--;
                }
            }
            Routes.remove(node, c.routeId());
            c.close();
            throw e;
        }
        return c;
    }

    public KafkaConsumerHandle get(int id) {
        return consumers.get(id);
    }

    public List<KafkaConsumerHandle> all() {
        return new ArrayList<>(consumers.values());
    }

    public boolean isEmpty() {
        return consumers.isEmpty();
    }

    /** Stops one consumer: its route (the poll in progress finishes and commits what is durable) and its probe. */
    public void exit(int id) {
        KafkaConsumerHandle c = consumers.get(id);
        if (c == null) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "No Kafka consumer with id " + id);
        }
        stop(c);
    }

    public void exitAll() {
        for (KafkaConsumerHandle c : all()) {
            stop(c);
        }
    }

    private void stop(KafkaConsumerHandle c) {
        try {
            Routes.remove(node, c.routeId());
        } finally {
            consumers.remove(c.id());
            c.close();
        }
    }
}
