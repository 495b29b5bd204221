package io.edgepublisher.intake.client;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.mapping.ErrorBuffer;
import io.edgepublisher.intake.mapping.MessageResult;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.mapping.PayloadResult;
import io.edgepublisher.intake.mapping.RowBatch;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.StorageRefused;
import io.edgepublisher.streamer.StreamingBuffers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * A batch of MQTT messages of client {@code c} (one poll of its session), in arrival order: each is mapped,
     * counted and stored as by {@link #deliver(MsgClient, ClientTopic, String, byte[], byte[])}, but the rows of the
     * batch are appended together, one append (one journal record) per buffer, so the whole batch costs one journal
     * write and shares one fsync. The delivery marks of the messages whose rows a record holds are journaled in it,
     * one after the other (a record's marks stay below {@link #MAX_MARKS} bytes: a longer run starts a new record).
     * Returns one future per message, in order, that completes when what the message stored is durable; a message
     * whose topic has no mapping fails with 131.
     */
    public List<CompletableFuture<Delivery>> deliverBatch(MsgClient c, List<ClientMessage> messages) {
        List<CompletableFuture<Delivery>> out = new ArrayList<>(messages.size());
        try {
            buffers.storage().checkIntake();
        } catch (StorageRefused e) {
            CompletableFuture<Delivery> refused = CompletableFuture.failedFuture(e);
            for (int i = 0; i < messages.size(); i++) {
                out.add(refused);
            }
            return out;
        }
        MergedAppends merged = new MergedAppends(c);
        for (ClientMessage m : messages) {
            ClientTopic t = c.topicFor(m.topic());
            if (t == null) {
                out.add(CompletableFuture.failedFuture(new CommandException(ErrorCode.MISSING_INGEST_MAPPING,
                        "No mapping for topic '" + m.topic() + "' in message client #" + c.id())));
                continue;
            }
            PayloadResult r = PayloadMapper.map(t.mapping(), m.payload(), payloadLimit);
            Delivery d = count(c, t, m.topic(), r);
            merged.add(out.size(), t, m.topic(), r, d, m.mark());
            out.add(null);
        }
        merged.append(out);
        return out;
    }

    /** The marks one journal record carries at most, in bytes (the record format keeps their length in 2 bytes). */
    static final int MAX_MARKS = 0xffff;

    /** Rows (and failed messages) of a batch merged per buffer, appended once per buffer. */
    private final class MergedAppends {
        private final MsgClient c;
        private final Map<BufferKey, Part> open = new LinkedHashMap<>();
        private final List<Part> parts = new ArrayList<>();
        private final List<Waiting> waiting = new ArrayList<>();
        private long rows;

        MergedAppends(MsgClient c) {
            this.c = c;
        }

        private final class Part {
            final BufferKey key;
            final StringBuilder text = new StringBuilder();
            int rows;
            java.io.ByteArrayOutputStream marks;
            CompletableFuture<?> done;

            Part(BufferKey key) {
                this.key = key;
            }

            void add(String lines, int n, byte[] mark) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(lines);
                rows += n;
                if (mark != null) {
                    if (marks == null) {
                        marks = new java.io.ByteArrayOutputStream();
                    }
                    marks.writeBytes(mark);
                }
            }

            boolean roomFor(byte[] mark) {
                return mark == null || marks == null || marks.size() + mark.length <= MAX_MARKS;
            }

            void append() {
                done = buffers.appendAsync(key, text.toString(), rows, marks == null ? null : marks.toByteArray());
            }
        }

        private record Waiting(int index, ClientTopic topic, Delivery delivery, List<Part> parts) {
        }

        private Part part(BufferKey key, byte[] mark) {
            Part p = open.get(key);
            if (p == null || !p.roomFor(mark)) {
                if (p != null) {
                    p.append(); // its marks are full: journaled now, in order before the next record of this buffer
                }
                p = new Part(key);
                open.put(key, p);
                parts.add(p);
            }
            return p;
        }

        void add(int index, ClientTopic t, String topicName, PayloadResult r, Delivery d, byte[] mark) {
            List<Part> mine = new ArrayList<>(1);
            for (RowBatch b : r.batches()) {
                Part p = part(b.key(), mark);
                p.add(b.text(), b.rows(), mark);
                rows += b.rows();
                mine.add(p);
            }
            if (d.failed() > 0 && c.logError()) {
                Part p = part(ErrorBuffer.key(c.brokerName(), topicName), null);
                p.add(errorLines(r), d.failed(), null);
                mine.add(p);
            }
            waiting.add(new Waiting(index, t, d, mine));
        }

        /** Appends what was merged and sets the future of each message waiting on it. */
        void append(List<CompletableFuture<Delivery>> out) {
            for (Part p : parts) {
                if (p.done == null) {
                    p.append();
                }
            }
            if (rows > 0) {
                rowsCounter.accept(c.kind() == MsgClient.Kind.REST ? "rest" : "mqtt", rows);
            }
            // counted once the rows are in their buffer, so a `flush buffers` after the count includes them
            int mapped = 0;
            for (Waiting w : waiting) {
                int ok = w.delivery().messages() - w.delivery().failed();
                mapped += ok;
                w.topic().stats().mapped(ok);
                Delivery d = w.delivery();
                CompletableFuture<Delivery> f;
                if (w.parts().isEmpty()) {
                    f = CompletableFuture.completedFuture(d);
                } else if (w.parts().size() == 1) {
                    f = w.parts().get(0).done.thenApply(v -> d);
                } else {
                    CompletableFuture<?>[] all = new CompletableFuture[w.parts().size()];
                    for (int i = 0; i < all.length; i++) {
                        all[i] = w.parts().get(i).done;
                    }
                    f = CompletableFuture.allOf(all).thenApply(v -> d);
                }
                out.set(w.index(), f);
            }
            c.stats().mapped(mapped);
        }
    }

    /** Counts a mapped payload as received (and its failures), logs them with {@code log}; its delivery. */
    private Delivery count(MsgClient c, ClientTopic t, String topicName, PayloadResult r) {
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
        return new Delivery(n, failed, first == null ? null : first.detail());
    }

    private CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, PayloadResult r,
            boolean allOrNothing, byte[] mark) {
        return deliver(c, t, topicName, r, allOrNothing, mark, c.kind() == MsgClient.Kind.REST ? "rest" : "mqtt");
    }

    private CompletableFuture<Delivery> deliver(MsgClient c, ClientTopic t, String topicName, PayloadResult r,
            boolean allOrNothing, byte[] mark, String path) {
        Delivery d = count(c, t, topicName, r);
        int n = d.messages();
        int failed = d.failed();
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
