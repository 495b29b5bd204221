package io.edgepublisher.ledger.sync;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.RetryPolicy;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;

/**
 * Sends commands to a master ({@code blockchain push …}, {@code event get_blockchain …}) through the node's
 * {@link PeerClient} service with the node's {@link SourceAddress} service, both registered by the running TCP
 * server. Without them the TCP server is not running: nothing can be sent, because the master's answer (a ledger
 * file, an echo) would have nowhere to go (PROTOCOL.md §9.1).
 */
public final class MasterLink implements AutoCloseable {
    private final Node node;
    private PeerClient base;
    private PeerClient once;

    public MasterLink(Node node) {
        this.node = node;
    }

    /** True when the TCP server has registered our addresses and the node's peer client. */
    public boolean tcpRunning() {
        return Beans.find(node, SourceAddress.class) != null && Beans.find(node, PeerClient.class) != null;
    }

    /**
     * Sends one command as a one-frame message, or as a large message when it is too long for one frame (job 0/0,
     * no reply expected).
     *
     * @param master     {@code ip:port}
     * @param oneAttempt true for ledger requests and re-pushes (one connection attempt, PROTOCOL.md §9.2); false
     *                   for {@code blockchain insert} pushes (the client's command retries)
     * @return the outcome; a failure with 21 when the TCP server is not running
     * @throws CommandException 230 when the command is larger than 1 MiB; 2 for a malformed address
     */
    public TransferResult send(String master, String command, boolean oneAttempt) {
        PeerAddress target;
        try {
            target = PeerAddress.parse(master);
        } catch (IllegalArgumentException e) {
            throw new CommandException(io.edgepublisher.command.ErrorCode.COMMAND_STRUCTURE,
                "Wrong master address '" + master + "': " + e.getMessage());
        }
        OutboundMessage message = CommandRequest.of(command).build();
        SourceAddress ours = Beans.find(node, SourceAddress.class);
        PeerClient client = client(oneAttempt);
        if (ours == null || client == null) {
            return new TransferResult(false, target, 0, 0, 0, false, false, TransferFailure.NO_SOURCE_ADDRESS,
                TransferFailure.NO_SOURCE_ADDRESS.code(), "the TCP server is not running");
        }
        return client.sendMessage(target, message, ours);
    }

    /**
     * The node's client, or for single attempts a client with the same settings and one connection attempt
     * (recreated when the TCP server registers another client).
     */
    private synchronized PeerClient client(boolean oneAttempt) {
        PeerClient current = Beans.find(node, PeerClient.class);
        if (!oneAttempt || current == null) {
            return current;
        }
        if (current != base) {
            if (once != null) {
                once.close();
            }
            base = current;
            once = new PeerClient(current.config().withCommandRetry(RetryPolicy.ONCE));
        }
        return once;
    }

    /** Closes the single-attempt client (the node's own client belongs to the TCP server). */
    @Override
    public synchronized void close() {
        if (once != null) {
            once.close();
            once = null;
            base = null;
        }
    }
}
