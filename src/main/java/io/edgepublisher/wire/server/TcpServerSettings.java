package io.edgepublisher.wire.server;

import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.SourceAddress;
import java.time.Duration;

/**
 * The options of {@code run tcp server} after defaults (COMMANDS.md §4.3), plus the limits the node applies to
 * every connection.
 *
 * @param external        the address peers outside the local network use, or null when the node has none
 * @param internal        the address for peers on the same network; the listener binds its port
 * @param bind            true: listen on the internal IP only; false: on all interfaces
 * @param threads         netty worker threads that read connections and hand messages on
 * @param idleTimeout     longest gap between frames before a connection is dropped ({@code tcp_idle_timeout})
 * @param maxMessageBytes largest message held in memory from a peer, in practice a reply ({@code tcp_max_message});
 *                        a large command (flag 3) is held to the protocol's 1 MiB as well
 */
public record TcpServerSettings(PeerAddress external, PeerAddress internal, boolean bind, int threads,
                                Duration idleTimeout, int maxMessageBytes) {

    /** The {@code get processes} details: {@code Listening on: <ext>[ and <int>], Threads Pool: <n>}. */
    public String details() {
        PeerAddress shown = external != null ? external : internal;
        return "Listening on: " + shown + (shown.equals(internal) ? "" : " and " + internal)
            + ", Threads Pool: " + threads;
    }

    /** The interface the listener binds. */
    public String bindHost() {
        return bind ? internal.ip() : "0.0.0.0";
    }

    /** The node's addresses as written into outgoing frames (PROTOCOL.md §9.3). */
    public SourceAddress sourceAddress() {
        return new SourceAddress(internal, external);
    }
}
