package io.edgepublisher.wire.server;

import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;

/** Where the dispatcher hands the replies it builds; {@link ReplySender} in the node, a list in unit tests. */
@FunctionalInterface
public interface ReplyChannel {
    /** Queues {@code reply} for {@code target}; must not block. */
    void send(PeerAddress target, OutboundMessage reply);
}
