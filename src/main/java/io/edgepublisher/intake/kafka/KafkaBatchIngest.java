package io.edgepublisher.intake.kafka;

import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.ingest.IngestRoute;
import io.edgepublisher.intake.mapping.MappingErrors;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.mapping.PayloadResult;
import io.edgepublisher.streamer.StorageGuard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka branch of {@code direct:ingest} (header {@link IngestRoute#KAFKA_CONSUMER}: the consumer's number; body:
 * the list of records camel-kafka's batching hands over). Each record is
 * <ul>
 * <li><b>dropped</b> when its partition was revoked since it was fetched ({@link PartitionOwnership}): the partition's
 * next owner reads it from the committed offset;</li>
 * <li><b>skipped</b> when its offset is at or below the last offset this node journaled for the partition
 * ({@link KafkaOffsets}): it is stored already;</li>
 * <li>otherwise mapped and appended like an MQTT message, its rows journaled with the partition and offset as delivery
 * mark.</li>
 * </ul>
 * All appends share the journal's group fsync; the exchange completes when every stored row is durable. Which
 * offsets may then be committed is left in exchange property {@link #OWNERS}; the consumer's route commits them
 * (synchronously) once this returns. A record the journal refused (full disk, I/O error) is retried with back-off;
 * nothing past it in its partition counts as durable, and when the route stops first the exchange fails.
 */
final class KafkaBatchIngest implements Processor {
    /** Exchange property: the {@link PartitionOwnership}s whose durable offsets are due for commit. */
    static final String OWNERS = "ep.kafka.owners";
    /** Exchange property: manual commits of records no ownership covers (kept for safety; not expected). */
    static final String UNOWNED = "ep.kafka.unowned";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchIngest.class);

    private final IntFunction<KafkaConsumerHandle> consumers;
    private final KafkaSubscriptions subscriptions;
    private final KafkaOffsets offsets;
    private final MessageIntake intake;
    private final StorageGuard storage;
    private final Predicate<KafkaConsumerHandle> running;

    KafkaBatchIngest(IntFunction<KafkaConsumerHandle> consumers, KafkaSubscriptions subscriptions,
            KafkaOffsets offsets, MessageIntake intake, StorageGuard storage, Predicate<KafkaConsumerHandle> running) {
        this.consumers = consumers;
        this.subscriptions = subscriptions;
        this.offsets = offsets;
        this.intake = intake;
        this.storage = storage;
        this.running = running;
    }

    /** One record of the batch and what became of it. */
    private static final class Rec {
        final Message m;
        final TopicPartition tp;
        final long offset;
        final PartitionOwnership owner;
        final KafkaManualCommit manual;
        CompletableFuture<Delivery> stored; // null: skipped (already journaled)

        Rec(Message m, TopicPartition tp, long offset, PartitionOwnership owner, KafkaManualCommit manual) {
            this.m = m;
            this.tp = tp;
            this.offset = offset;
            this.owner = owner;
            this.manual = manual;
        }
    }

    @Override
    public void process(Exchange batch) throws Exception {
        Integer id = batch.getMessage().getHeader(IngestRoute.KAFKA_CONSUMER, Integer.class);
        KafkaConsumerHandle consumer = id == null ? null : consumers.apply(id);
        if (consumer == null) {
            throw new IllegalArgumentException("No Kafka consumer " + id);
        }
        @SuppressWarnings("unchecked")
        List<Exchange> records = batch.getMessage().getBody(List.class);
        if (records == null || records.isEmpty()) {
            return;
        }
        String group = consumer.options().groupId();
        List<Rec> todo = new ArrayList<>(records.size());
        Map<TopicPartition, Long> issued = new HashMap<>();
        for (Exchange r : records) {
            Message m = r.getMessage();
            TopicPartition tp = new TopicPartition(m.getHeader(KafkaConstants.TOPIC, String.class),
                m.getHeader(KafkaConstants.PARTITION, Integer.class));
            long offset = m.getHeader(KafkaConstants.OFFSET, Long.class);
            KafkaManualCommit manual = m.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            PartitionOwnership owner = manual instanceof DefaultKafkaManualCommit d
                ? subscriptions.of(d.getConsumer()) : null;
            if (owner != null && !owner.current(tp, offset)) {
                consumer.drop();
                continue;
            }
            Rec rec = new Rec(m, tp, offset, owner, manual);
            long last = Math.max(offsets.last(group, tp.topic(), tp.partition()), issued.getOrDefault(tp, -1L));
            if (offset <= last) {
                consumer.skipped(1);
            } else {
                consumer.record();
                issued.put(tp, offset);
                rec.stored = store(consumer, m, KafkaOffsets.mark(group, tp.topic(), tp.partition(), offset));
            }
            todo.add(rec);
        }
        Set<PartitionOwnership> owners = new LinkedHashSet<>();
        Map<TopicPartition, KafkaManualCommit> unowned = new HashMap<>();
        Set<TopicPartition> blocked = new java.util.HashSet<>();
        Exception failure = null;
        for (Rec r : todo) {
            if (blocked.contains(r.tp)) {
                continue;
            }
            try {
                if (r.stored != null) {
                    durable(consumer, r);
                    offsets.journaled(group, r.tp.topic(), r.tp.partition(), r.offset);
                }
                if (r.owner != null) {
                    r.owner.durable(r.tp, r.offset);
                    owners.add(r.owner);
                } else if (r.manual != null) {
                    unowned.put(r.tp, r.manual);
                }
            } catch (Exception e) {
                blocked.add(r.tp);
                failure = e;
            }
        }
        batch.setProperty(OWNERS, owners);
        batch.setProperty(UNOWNED, unowned);
        if (failure != null) {
            throw failure;
        }
    }

    private CompletableFuture<Delivery> store(KafkaConsumerHandle consumer, Message m, byte[] mark) {
        String topic = m.getHeader(KafkaConstants.TOPIC, String.class);
        ClientTopic t = consumer.client().topicNamed(topic);
        byte[] payload = m.getBody(byte[].class);
        if (t == null || payload == null) {
            payload = payload == null ? new byte[0] : payload;
            t = t == null ? consumer.client().topics().get(0) : t;
        }
        try {
            storage.checkIntake();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        PayloadResult r = PayloadMapper.map(t.mapping(), payload, intake.payloadLimit(), MappingErrors.KAFKA_NOT_JSON);
        consumer.addRows(r.rows());
        return intake.deliver(consumer.client(), t, topic, r, "kafka", mark);
    }

    /** Waits for the record's rows; while the journal refuses them, tries again with back-off until the route stops. */
    private void durable(KafkaConsumerHandle consumer, Rec r) throws Exception {
        long backoff = 100;
        CompletableFuture<Delivery> f = r.stored;
        while (true) {
            try {
                f.join();
                return;
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (!running.test(consumer)) {
                    throw new IllegalStateException("Kafka consumer " + consumer.id() + " stopped before a record"
                        + " was stored: " + cause.getMessage(), cause);
                }
                LOG.warn("Kafka consumer {}: a record of {} offset {} was not stored, trying again in {} ms: {}",
                    consumer.id(), r.tp, r.offset, backoff, cause.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
                // the failed rows were not counted as stored: map and append again
                f = store(consumer, r.m, KafkaOffsets.mark(consumer.options().groupId(), r.tp.topic(),
                    r.tp.partition(), r.offset));
            }
        }
    }
}
