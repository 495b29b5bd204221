package io.edgepublisher.intake.ingest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.broker.LocalDispatch;
import io.edgepublisher.intake.client.ClientMessage;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.client.MsgClients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The mapped branch of {@code direct:ingest}: the raw payload of a message client's topic, mapped with that topic's
 * mapping and stored (INTAKE.md §3): good rows to their buffers, failed messages counted and, with {@code log_error},
 * kept in the error buffer. The exchange completes when all of it is durable, without holding the sending thread
 * during the journal fsync (the next message is mapped meanwhile, and shares the group commit); it may complete on
 * the journal's commit thread.
 *
 * <p>Header {@code msgClient} names the client: its number, or {@code local} for every client of this node's broker
 * whose topic matches. An MQTT client matches {@code topic} against its filters; a REST client ({@code broker = rest})
 * takes the topic of that name, and stores nothing of a payload in which a message failed unless it has
 * {@code log_error} (REST.md §7).
 *
 * <p>A body that is a list of {@link ClientMessage}s is a batch of an MQTT client's session (one poll): each message is
 * mapped and counted as above, their rows appended together per buffer ({@link MessageIntake#deliverBatch}); the
 * result header {@code outcomes} says what became of each.
 */
final class MappedIngest extends AsyncProcessorSupport {
    private final MsgClients clients;
    private final MessageIntake intake;
    private final LocalDispatch local;

    MappedIngest(MsgClients clients, MessageIntake intake) {
        this.clients = clients;
        this.intake = intake;
        this.local = new LocalDispatch(clients, intake);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> f;
        try {
            f = store(exchange.getMessage());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (f.isDone()) {
            failure(f, exchange);
            callback.done(true);
            return true;
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                exchange.setException(unwrap(e));
            }
            callback.done(false);
        });
        return false;
    }

    private CompletableFuture<?> store(Message m) {
        Object id = m.getHeader(IngestRoute.MSG_CLIENT);
        if (m.getBody() instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof ClientMessage) {
            return storeBatch(m, client(id), batch);
        }
        String topic = m.getHeader(IngestRoute.TOPIC, String.class);
        Object body = m.getBody();
        byte[] payload = body instanceof byte[] b ? b : m.getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        if (IngestRoute.LOCAL_CLIENTS.equals(id)) {
            return local.dispatch(topic, payload).thenAccept(r -> m.setHeader(IngestRoute.MQTT_REASON, r));
        }
        MsgClient c = client(id);
        ClientTopic t = c.kind() == MsgClient.Kind.REST ? c.topicNamed(topic) : c.topicFor(topic);
        if (t == null) {
            throw new CommandException(ErrorCode.MISSING_INGEST_MAPPING,
                    "No mapping for topic '" + topic + "' in message client #" + c.id());
        }
        byte[] mark = m.getHeader(IngestRoute.DELIVERY_MARK, byte[].class);
        return intake.deliver(c, t, topic, payload, mark, c.kind() == MsgClient.Kind.REST)
                .thenAccept(d -> m.setHeader(IngestRoute.DELIVERY, d));
    }

    /**
     * A batch of an MQTT client's messages: the result header {@code outcomes} gets each message's {@code Delivery}
     * or failure once all are known; the exchange fails with the first failure.
     */
    private CompletableFuture<?> storeBatch(Message m, MsgClient c, List<?> batch) {
        List<ClientMessage> messages = new ArrayList<>(batch.size());
        for (Object o : batch) {
            messages.add((ClientMessage) o);
        }
        List<CompletableFuture<Delivery>> each = intake.deliverBatch(c, messages);
        Object[] outcomes = new Object[each.size()];
        CompletableFuture<?>[] settled = new CompletableFuture[each.size()];
        for (int i = 0; i < settled.length; i++) {
            int k = i;
            settled[i] = each.get(i).handle((d, e) -> outcomes[k] = e == null ? d : unwrap(e));
        }
        return CompletableFuture.allOf(settled).thenRun(() -> {
            m.setHeader(IngestRoute.OUTCOMES, Arrays.asList(outcomes));
            for (Object o : outcomes) {
                if (o instanceof Throwable e) {
                    throw e instanceof RuntimeException r ? r : new CompletionException(e);
                }
            }
        });
    }

    private MsgClient client(Object id) {
        MsgClient c = null;
        if (id instanceof Integer n) {
            c = clients.get(n);
        } else if (id != null && id.toString().strip().matches("\\d{1,9}")) {
            c = clients.get(Integer.parseInt(id.toString().strip()));
        }
        if (c == null) {
            throw new CommandException(ErrorCode.MISSING_INGEST_MAPPING, "No message client #" + id);
        }
        return c;
    }

    private static void failure(CompletableFuture<?> f, Exchange exchange) {
        if (f.isCompletedExceptionally()) {
            try {
                f.join();
            } catch (RuntimeException e) {
                exchange.setException(unwrap(e));
            }
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
