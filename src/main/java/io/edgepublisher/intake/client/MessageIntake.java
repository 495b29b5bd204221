package io.edgepublisher.intake.client;

import io.edgepublisher.intake.mapping.ErrorBuffer;
import io.edgepublisher.intake.mapping.MessageResult;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.mapping.PayloadResult;
import io.edgepublisher.streamer.StorageRefused;
import io.edgepublisher.streamer.StreamingBuffers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every message takes, whatever brought it (INTAKE.md §3): map the payload with the topic's mapping, count
 * it, append the rows to the streaming buffers, keep failed messages in the {@code log_error} buffer. The returned
 * future completes when everything derived from the payload is durable — only then may the sender be acknowledged —
 * and fails with a {@code CommandException} 48 when the journal could not be written (do not acknowledge).
 */
public final class MessageIntake {
    private static final Logger LOG = LoggerFactory.getLogger(MessageIntake.class);

    private final StreamingBuffers buffers;
    private final Clock clock;
    private final int payloadLimit;

    /** @param payloadLimit the size limit of one payload, in bytes (default 1 MiB) */
    public MessageIntake(StreamingBuffers buffers, Clock clock, int payloadLimit) {
        this.buffers = buffers;
        this.clock = clock;
        this.payloadLimit = payloadLimit;
    }

    public int payloadLimit() {
        return payloadLimit;
    }

    /** MQTT: good messages are stored, failed ones are counted (and kept with {@code log_error}). */
    public CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, byte[] payload) {
        return deliver(c, t, topicName, payload, null);
    }

    /** As above, with a delivery mark journaled together with the rows (see {@code DeliveryLog}). */
    public CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, byte[] payload,
            byte[] mark) {
        return deliver(c, t, topicName, payload, mark, false);
    }

    /**
     * As above; with {@code allOrNothing} (REST POST without {@code log_error}, REST.md §7) nothing is stored when any
     * message of the payload failed.
     */
    public CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, byte[] payload,
            byte[] mark, boolean allOrNothing) {
        try {
            // Short of space: refused before it is even mapped or counted; QoS >= 1 senders are not acknowledged and
            // send it again later.
            buffers.storage().checkIntake();
        } catch (StorageRefused e) {
            return CompletableFuture.failedFuture(e);
        }
        return deliver(c, t, topicName, PayloadMapper.map(t.mapping(), payload, payloadLimit), allOrNothing, mark);
    }

    /**
     * A message for client {@code c} that never reached the mapping (its packet was too large to read, so neither its
     * topic nor its payload is known): counted as received and failed with {@code detail}, and logged.
     */
    public void refused(MsgClient c, String detail) {
        long now = clock.millis();
        c.stats().received(1, now);
        c.stats().error(1, detail, now);
        LOG.warn("Message client {}: {}", c.id(), detail);
    }

    /**
     * Maps and stores an already mapped payload. With {@code allOrNothing} (REST POST without {@code log_error},
     * REST.md §7) nothing is stored when any message failed.
     */
    public CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, PayloadResult r,
            boolean allOrNothing) {
        return deliver(c, t, topicName, r, allOrNothing, null);
    }

    /**
     * Stores an already mapped payload of another intake path (Kafka): the rows are counted under {@code path} in
     * the node's metrics, and every journal record carries {@code mark} (or none).
     */
    public CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, PayloadResult r,
            String path, byte[] mark) {
        return deliver(c, t, topicName, r, false, mark, path);
    }

    /** Told of the rows each delivery stores, by path ({@code mqtt}, {@code rest}, {@code kafka}), for the node's metrics. */
    public void rowsCounter(java.util.function.ObjLongConsumer<String> counter) {
        this.rowsCounter = counter;
    }

    private volatile java.util.function.ObjLongConsumer<String> rowsCounter = (path, rows) -> { };

    private CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, PayloadResult r,
            boolean allOrNothing, byte[] mark) {
        return deliver(c, t, topicName, r, allOrNothing, mark, c.kind() == MsgClient.Kind.REST ? "rest" : "mqtt");
    }

    private CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, PayloadResult r,
            boolean allOrNothing, byte[] mark, String path) {
        long now = clock.millis();
        int n = r.messages().size();
        int failed = r.failures();
        c.stats().received(n, now);
        t.stats().received(n, now);
        MessageResult first = failed > 0 ? r.firstFailure() : null;
        if (failed > 0) {
            c.stats().error(failed, first.detail(), now);
            t.stats().error(failed, first.detail(), now);
            if (c.log()) {
                LOG.info("Message client {}: {} of {} messages on '{}' failed: {}", c.id(), failed, n, topicName,
                        first.detail());
            }
        }
        Delivery d = new Delivery(n, failed, first == null ? null : first.detail());
        if (failed > 0 && allOrNothing && !c.logError()) {
            return CompletableFuture.completedFuture(d);
        }
        List<CompletableFuture<?>> parts = new ArrayList<>(2);
        if (!r.batches().isEmpty()) {
            parts.add(r.appendTo(buffers, mark));
            long rows = 0;
            for (var b : r.batches()) {
                rows += b.rows();
            }
            rowsCounter.accept(path, rows);
        }
        // counted once the rows are in their buffer, so a `flush buffers` after the count includes them
        c.stats().mapped(n - failed);
        t.stats().mapped(n - failed);
        if (failed > 0 && c.logError()) {
            parts.add(buffers.appendAsync(ErrorBuffer.key(c.brokerName(), topicName), errorLines(r), failed));
        }
        if (parts.isEmpty()) {
            return CompletableFuture.completedFuture(d);
        }
        if (parts.size() == 1) {
            return parts.get(0).thenApply(v -> d);
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).thenApply(v -> d);
    }

    private static String errorLines(PayloadResult r) {
        StringBuilder sb = new StringBuilder();
        for (MessageResult m : r.messages()) {
            if (!m.ok()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(ErrorBuffer.line(m.rawMessage() == null ? "" : m.rawMessage()));
            }
        }
        return sb.toString();
    }
}
