package io.edgepublisher.intake.route;

import io.edgepublisher.intake.client.ClientMessage;
import io.edgepublisher.intake.ingest.IngestRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** The consumer of an {@code ep-intake:} route: starts its {@link IntakeSource} and feeds the route. */
public final class IntakeConsumer extends DefaultConsumer {
    private final IntakeSource source;

    IntakeConsumer(IntakeEndpoint endpoint, Processor processor, IntakeSource source) {
        super(endpoint, processor);
        this.source = source;
    }

    /**
     * Sends one received message through the route to {@code direct:ingest}: the payload is the body; the message
     * client ({@code msgClient}), topic, QoS and delivery mark are headers. The future completes when the message's
     * rows are durable (acknowledge it) with the MQTT reason code the ingest step set (null when none), or fails with
     * the reason (do not acknowledge); it may complete on another thread (the journal's commit thread).
     *
     * @param msgClient the client number, or {@code local} for this node's broker
     * @param mark the delivery mark of a persistent session's QoS 1/2 message, or null
     */
    public CompletableFuture<Integer> submit(byte[] payload, Object msgClient, String topic, int qos, byte[] mark) {
        Exchange ex = createExchange(false);
        Message m = ex.getIn();
        m.setBody(payload);
        m.setHeader(IngestRoute.MSG_CLIENT, msgClient);
        m.setHeader(IngestRoute.TOPIC, topic);
        m.setHeader(IngestRoute.QOS, qos);
        if (mark != null) {
            m.setHeader(IngestRoute.DELIVERY_MARK, mark);
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        getAsyncProcessor().process(ex, doneSync -> {
            Throwable failure = ex.getException();
            Integer reason = failure == null ? ex.getMessage().getHeader(IngestRoute.MQTT_REASON, Integer.class) : null;
            releaseExchange(ex, false);
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(reason);
            }
        });
        return done;
    }

    /**
     * Sends a batch of received messages of one message client (one poll of its session) through the route to
     * {@code direct:ingest} as one exchange: the body is the list of {@link ClientMessage}s (topic, QoS, payload,
     * delivery mark each), header {@code msgClient} names the client, {@code topic} and {@code qos} are those of the
     * first message and {@code messages} their number. The future completes when every message's outcome is known,
     * with one entry per message, in order: null when what it stored is durable (acknowledge it), else the reason (do
     * not acknowledge). It may complete on another thread (the journal's commit thread).
     */
    public CompletableFuture<List<Throwable>> submitBatch(List<ClientMessage> messages, Object msgClient) {
        Exchange ex = createExchange(false);
        Message m = ex.getIn();
        m.setBody(messages);
        m.setHeader(IngestRoute.MSG_CLIENT, msgClient);
        m.setHeader(IngestRoute.TOPIC, messages.get(0).topic());
        m.setHeader(IngestRoute.QOS, messages.get(0).qos());
        m.setHeader(IngestRoute.MESSAGES, messages.size());
        CompletableFuture<List<Throwable>> done = new CompletableFuture<>();
        getAsyncProcessor().process(ex, doneSync -> {
            Throwable failure = ex.getException();
            Object outcomes = ex.getMessage().getHeader(IngestRoute.OUTCOMES);
            releaseExchange(ex, false);
            if (outcomes instanceof List<?> l && l.size() == messages.size()) {
                List<Throwable> each = new ArrayList<>(l.size());
                for (Object o : l) {
                    each.add(o instanceof Throwable t ? t : null);
                }
                done.complete(each);
            } else {
                // failed before the messages were looked at: the same reason for all of them
                Throwable why = failure != null ? failure
                        : new IllegalStateException("direct:ingest gave no outcome per message");
                done.complete(java.util.Collections.nCopies(messages.size(), why));
            }
        });
        return done;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        source.start(this);
    }

    @Override
    protected void doStop() throws Exception {
        source.stop();
        super.doStop();
    }
}
