package io.edgepublisher.wire.inbound;

import io.edgepublisher.wire.InboundMessage;

/**
 * Told about every {@code echo} reply that no waiting job claimed (PROTOCOL.md §6.4), for example an operator's
 * {@code 'File write' operation failed: …}. The publisher registers one to correlate failures with deliveries:
 *
 * <pre>{@code
 * Beans.get(node, EchoListeners.class).add(echo -> correlator.offer(echo.sourceIp(), echo.errorCode(), echo.text()));
 * }</pre>
 *
 * {@link InboundMessage#text()} is the echo's message, {@link InboundMessage#errorCode()} its code and
 * {@link InboundMessage#replyAddress()} the sender's TCP server. Called on a TCP worker thread; must return quickly
 * and should not throw (an exception is logged and the next listener still runs).
 */
@FunctionalInterface
public interface EchoListener {
    void onEcho(InboundMessage echo);
}
