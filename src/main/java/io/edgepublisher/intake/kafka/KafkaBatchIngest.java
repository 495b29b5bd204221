package io.edgepublisher.intake.kafka;

import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.mapping.PayloadResult;
import io.edgepublisher.streamer.StorageGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of route {@code kafka-consumer-<n>} (camel-kafka batching mode: the body is the list of one poll's
 * records). Every record is mapped and appended like an MQTT message, all appends of the poll share the journal's
 * group fsync, and only when every row of a partition's records is durable is that partition's offset committed
 * (synchronously, through the record's {@link KafkaManualCommit}). Records that cannot be mapped are counted and, with
 * {@code log_error}, kept in the error buffer; they do not hold the partition. A record the journal refused (full
 * disk, I/O error) is retried with back-off; no offset past it is committed, and when the route stops first the poll
 * is committed only up to the record before it, so Kafka hands the rest out again.
 */
final class KafkaBatchIngest implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchIngest.class);

    private final KafkaConsumerHandle consumer;
    private final MessageIntake intake;
    private final StorageGuard storage;
    private final BooleanSupplier running;

    KafkaBatchIngest(KafkaConsumerHandle consumer, MessageIntake intake, StorageGuard storage,
            BooleanSupplier running) {
        this.consumer = consumer;
        this.intake = intake;
        this.storage = storage;
        this.running = running;
    }

    @Override
    public void process(Exchange batch) throws Exception {
        @SuppressWarnings("unchecked")
        List<Exchange> records = batch.getMessage().getBody(List.class);
        if (records == null || records.isEmpty()) {
            return;
        }
        List<CompletableFuture<Delivery>> stored = new ArrayList<>(records.size());
        for (Exchange r : records) {
            consumer.record();
            stored.add(store(r.getMessage()));
        }
        // the last durable record of each partition, in poll order; a partition stops at its first failure
        Map<String, KafkaManualCommit> commit = new LinkedHashMap<>();
        Map<String, Boolean> blocked = new LinkedHashMap<>();
        Exception failure = null;
        for (int i = 0; i < records.size(); i++) {
            Message m = records.get(i).getMessage();
            String partition = m.getHeader(KafkaConstants.TOPIC, String.class) + "-"
                + m.getHeader(KafkaConstants.PARTITION, Integer.class);
            if (blocked.containsKey(partition)) {
                continue;
            }
            try {
                durable(stored.get(i), m);
                commit.put(partition, m.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
            } catch (Exception e) {
                blocked.put(partition, Boolean.TRUE);
                failure = e;
            }
        }
        for (KafkaManualCommit c : commit.values()) {
            try {
                c.commit();
                consumer.committed();
            } catch (RuntimeException e) {
                // A partition taken away in a rebalance: its rows are durable here, the next owner reads them again
                // (at-least-once).
                consumer.commitFailed(e.getMessage());
                LOG.warn("Kafka consumer {}: offset commit failed, the records may be delivered again: {}",
                    consumer.id(), e.getMessage());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private CompletableFuture<Delivery> store(Message m) {
        String topic = m.getHeader(KafkaConstants.TOPIC, String.class);
        ClientTopic t = consumer.client().topicNamed(topic);
        byte[] payload = m.getBody(byte[].class);
        if (t == null || payload == null) {
            payload = payload == null ? new byte[0] : payload;
            t = t == null ? consumer.client().topics().get(0) : t;
        }
        return store(t, topic, payload);
    }

    private CompletableFuture<Delivery> store(ClientTopic t, String topic, byte[] payload) {
        try {
            storage.checkIntake();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        PayloadResult r = PayloadMapper.map(t.mapping(), payload, intake.payloadLimit());
        consumer.addRows(r.rows());
        return intake.deliver(consumer.client(), t, topic, r, false);
    }

    /** Waits for the record's rows; while the journal refuses them, tries again with back-off until the route stops. */
    private void durable(CompletableFuture<Delivery> f, Message m) throws Exception {
        long backoff = 100;
        while (true) {
            try {
                f.join();
                return;
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (!running.getAsBoolean()) {
                    throw new IllegalStateException("Kafka consumer " + consumer.id() + " stopped before a record"
                        + " was stored: " + cause.getMessage(), cause);
                }
                LOG.warn("Kafka consumer {}: a record of {} partition {} offset {} was not stored, trying again in"
                    + " {} ms: {}", consumer.id(), m.getHeader(KafkaConstants.TOPIC),
                    m.getHeader(KafkaConstants.PARTITION), m.getHeader(KafkaConstants.OFFSET), backoff,
                    cause.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
                // the failed rows were not counted as stored: map and append again
                String topic = m.getHeader(KafkaConstants.TOPIC, String.class);
                ClientTopic t = consumer.client().topicNamed(topic);
                byte[] payload = m.getBody(byte[].class);
                f = store(t == null ? consumer.client().topics().get(0) : t, topic,
                    payload == null ? new byte[0] : payload);
            }
        }
    }
}
