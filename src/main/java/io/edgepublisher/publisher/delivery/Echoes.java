package io.edgepublisher.publisher.delivery;

import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;

/** Hands an unclaimed {@code echo} (from {@code EchoListeners}) to the delivery queue with its source (§5.4). */
public final class Echoes {
    private Echoes() {
    }

    public static void forward(InboundMessage echo, DeliveryQueue queue) {
        PeerAddress from = echo.replyAddress();
        String peerIp = echo.socketPeer() != null && echo.socketPeer().getAddress() != null
            ? echo.socketPeer().getAddress().getHostAddress() : null;
        queue.echo(from == null ? "" : from.toString(), peerIp, echo.errorCode(), echo.text());
    }
}
