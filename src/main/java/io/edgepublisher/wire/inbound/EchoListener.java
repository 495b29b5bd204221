package io.edgepublisher.wire.inbound;

import io.edgepublisher.wire.InboundMessage;

/**
 * Told about every {@code echo} reply that no waiting job claimed (PROTOCOL.md §6.4), for example an operator's
 * {@code 'File write' operation failed: …}. The publisher registers one to correlate failures with deliveries.
 * Called on a TCP worker thread; must return quickly.
 */
@FunctionalInterface
public interface EchoListener {
    void onEcho(InboundMessage echo);
}
