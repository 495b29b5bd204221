package io.edgepublisher.intake.client.mqtt;

import io.edgepublisher.intake.IntakePools;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.route.IntakeComponent;
import io.edgepublisher.node.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Starts the route {@code mqtt-client-<n>} of a message client with an external broker and arranges its exit. The
 * route starts at once even when the broker is down; the session connects in the background.
 */
public final class MqttClientRoutes {
    private MqttClientRoutes() {
    }

    public static String routeId(int clientId) {
        return "mqtt-client-" + clientId;
    }

    /** Attaches a {@link PahoSubscriber} to {@code client} and starts its route. */
    public static void start(Node node, MsgClient client, MqttSessionSettings settings, DeliveryLogs logs) {
        Path base = node.dirs().dir("journal_dir").resolve("msg-clients");
        DeliveryLog log = null;
        if (settings.persistent()) {
            try {
                log = logs.open(settings.clientId());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the delivery log of message client " + client.id(), e);
            }
        }
        PahoSubscriber sub = new PahoSubscriber(client, settings, log,
                settings.persistent() ? base.resolve("paho") : null, IntakePools.reconnects(node));
        IntakeComponent component = IntakeComponent.of(node);
        String routeId = routeId(client.id());
        component.startRoute(node, routeId, "msg-client", sub);
        client.onStop(() -> {
            component.removeRoute(node, routeId);
        });
    }

    /** A client id as a file name. */
    static String safe(String id) {
        StringBuilder sb = new StringBuilder(id.length());
        for (char c : id.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return sb.toString();
    }
}
