package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.mapping.MappingErrors;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
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
    private final KafkaOffsets offsets;
    private final KafkaSubscriptions subscriptions;
    private int lastId;
    /** Tries again, every few seconds, to settle records held since a kill while a consumer of their group runs. */
    private final java.util.concurrent.ScheduledExecutorService resolver =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-held-resolver");
            t.setDaemon(true);
            return t;
        });
    private java.util.concurrent.ScheduledFuture<?> retry;

    KafkaConsumers(Node node, KafkaOffsets offsets) {
        this.node = node;
        this.offsets = offsets;
        this.subscriptions = new KafkaSubscriptions(this::byTopic, offsets);
    }

    KafkaOffsets offsets() {
        return offsets;
    }

    KafkaSubscriptions subscriptions() {
        return subscriptions;
    }

    /** The running consumer of this topic, or null. */
    KafkaConsumerHandle byTopic(String topic) {
        for (KafkaConsumerHandle c : consumers.values()) {
            if (c.client().topicNamed(topic) != null) {
                return c;
            }
        }
        return null;
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
            Map<String, Long> journaled = new java.util.TreeMap<>();
            for (var t : o.topics()) {
                offsets.of(o.groupId(), t.topic()).forEach((p, off) -> journaled.put(t.topic() + "-" + p, off));
            }
            c.journaledAtStart(journaled);
            lastId = id;
            consumers.put(id, c);
        }
        c.held(() -> offsets.held(o.groupId()));
        try {
            KafkaGroupProbe probe = new KafkaGroupProbe(c, KafkaConsumerRoute.securityProperties(o.security()));
            c.probe(probe);
            // records held since a kill are settled before this node joins the group (its skip thresholds rise
            // when they are kept); when the broker does not answer, at the assignment or by the retry
            resolveHeld(c);
            Routes.addAndStart(node, new KafkaConsumerRoute(c, offsets), c.routeId());
            scheduleRetry();
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

    /** Settles what this node holds of {@code c}'s group, if the cluster answers; logs once per attempt otherwise. */
    private void resolveHeld(KafkaConsumerHandle c) {
        java.util.Set<org.apache.kafka.common.TopicPartition> held = offsets.held(c.options().groupId());
        if (held.isEmpty()) {
            return;
        }
        try {
            offsets.resolve(c.options().groupId(), c.probeOrNull().groupCommits(held));
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(KafkaConsumers.class).warn("Kafka consumer {}: records of {} held since"
                + " the last stop stay held (the group's commits not read: {}); trying again", c.id(), held,
                KafkaGroupProbe.reason(e));
        }
    }

    private synchronized void scheduleRetry() {
        if (retry != null) {
            return;
        }
        // also for records a running node holds after it lost a partition with its commit unanswered
        retry = resolver.scheduleWithFixedDelay(() -> {
            if (offsets.heldGroups().isEmpty()) {
                return;
            }
            for (KafkaConsumerHandle c : all()) {
                if (c.probeOrNull() != null) {
                    resolveHeld(c);
                }
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
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
            subscriptions.remove(c);
            c.close();
        }
    }
}
