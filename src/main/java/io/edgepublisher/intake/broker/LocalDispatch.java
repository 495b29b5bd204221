package io.edgepublisher.intake.broker;

import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.client.MsgClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands one PUBLISH to every {@code broker = local} client whose topic matches (in-process subscriptions) and works
 * out the acknowledgement: the future completes when every match journaled its rows or rejected the message.
 */
public final class LocalDispatch {
    /** MQTT 5 reason codes of the acknowledgement (INTAKE.md §2). */
    static final int SUCCESS = 0x00;
    static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    static final int PAYLOAD_FORMAT_INVALID = 0x99;

    private final MsgClients clients;
    private final MessageIntake intake;

    public LocalDispatch(MsgClients clients, MessageIntake intake) {
        this.clients = clients;
        this.intake = intake;
    }

    /**
     * A PUBLISH too large to read (INTAKE.md §2): its topic is unknown, so it counts as a failed message of every
     * {@code broker = local} client (INTAKE.md §3.10).
     */
    void refused(String detail) {
        for (MsgClient c : clients.local()) {
            intake.refused(c, detail);
        }
    }

    /** Completes with the reason code; fails when rows could not be journaled (do not report success). */
    public CompletableFuture<Integer> dispatch(String topic, byte[] payload) {
        List<CompletableFuture<Delivery>> parts = new ArrayList<>(1);
        for (MsgClient c : clients.local()) {
            ClientTopic t = c.topicFor(topic);
            if (t != null) {
                parts.add(intake.deliver(c, t, topic, payload));
            }
        }
        if (parts.isEmpty()) {
            return CompletableFuture.completedFuture(NO_MATCHING_SUBSCRIBERS);
        }
        if (parts.size() == 1) {
            return parts.get(0).thenApply(d -> d.rejected() ? PAYLOAD_FORMAT_INVALID : SUCCESS);
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).thenApply(v -> {
            for (CompletableFuture<Delivery> p : parts) {
                if (!p.join().rejected()) {
                    return SUCCESS;
                }
            }
            return PAYLOAD_FORMAT_INVALID;
        });
    }
}
