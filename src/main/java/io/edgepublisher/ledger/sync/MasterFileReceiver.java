package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.LedgerSnapshot;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FileWriteStart;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.TransferFileSink;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link LedgerFileReceiver}: accepts a {@code file write} with generic flag 2 only from the configured
 * master and only at a path this node asked for (PROTOCOL.md §8.3 rule 3), writes it with fsync and has it merged.
 *
 * <p>The sender is the master when the frame header's source {@code ip:port} equals the master's address (the sync
 * {@code connection}, else {@code !master_node}), or when the socket's peer IP equals the master's IP or the
 * {@code local_ip} of the master's policy. The path must be {@code <!blockchain_new minus extension>master_id_<k>.<ext>}
 * with k in 1–9. Anything else is refused with 294 before a byte is written.
 */
public final class MasterFileReceiver implements LedgerFileReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(MasterFileReceiver.class);

    private final Synchronizer sync;
    private final LedgerMerger merger;
    private final Supplier<LedgerSnapshot> ledger;

    /**
     * @param ledger the current ledger, searched for the master's policy ({@code local_ip})
     */
    public MasterFileReceiver(Synchronizer sync, LedgerMerger merger, Supplier<LedgerSnapshot> ledger) {
        this.sync = sync;
        this.merger = merger;
        this.ledger = ledger;
    }

    /**
     * Opens the sink for an incoming ledger file.
     *
     * @throws FileWriteRejectedException 294 when no master is configured, the sender is not the master, the flag
     *                                    is not 2 or the path is not a reply path of our {@code !blockchain_new}
     * @throws IOException                when the {@code .transfer} file cannot be created (48)
     */
    @Override
    public FileWriteSink open(FileWriteStart start) throws FileWriteRejectedException, IOException {
        if (start.genericFlag() != GenericFlag.FILE_LEDGER) {
            throw refuse(start, "not a ledger file (generic flag " + start.genericFlag() + ")");
        }
        String master = sync.master();
        if (master == null || master.isBlank()) {
            throw refuse(start, "no master is configured");
        }
        PeerAddress masterAddress;
        try {
            masterAddress = PeerAddress.parse(master);
        } catch (IllegalArgumentException e) {
            throw refuse(start, "the configured master '" + master + "' is not ip:port");
        }
        if (!fromMaster(start, masterAddress)) {
            throw refuse(start, "the sender " + start.header().sourceIp() + ":" + start.header().sourcePort()
                + " (socket " + peerIp(start.socketPeer()) + ") is not the master " + master);
        }
        Path requested = sync.blockchainNew();
        if (!SyncRequest.isReplyPath(requested.toString(), start.name())) {
            throw refuse(start, "'" + start.name() + "' is not a reply path for " + requested);
        }
        Path target = Path.of(start.name());
        Path dir = requested.getParent();
        // Rule 6: the canonical directory must still be ours (no symbolic link redirects the write).
        if (!Files.isDirectory(dir) || !dir.toRealPath().equals(target.getParent().toRealPath())
            || Files.isSymbolicLink(target)) {
            throw refuse(start, "'" + start.name() + "' does not resolve inside " + dir);
        }
        LOG.debug("Receiving the ledger from {} into {}", master, target);
        return new ReceivedLedgerSink(new TransferFileSink(target, true), merger);
    }

    private boolean fromMaster(FileWriteStart start, PeerAddress master) {
        String headerIp = start.header().sourceIp();
        long headerPort = start.header().sourcePort();
        if (master.ip().equals(headerIp) && master.port() == headerPort) {
            return true;
        }
        String socketIp = peerIp(start.socketPeer());
        return socketIp != null && masterIps(master).contains(socketIp);
    }

    /** The master's IP and the {@code local_ip} of its policies (those whose ip or local_ip and port match). */
    private Set<String> masterIps(PeerAddress master) {
        Set<String> ips = new HashSet<>();
        ips.add(master.ip());
        for (Policy p : ledger.get().policies()) {
            if (!p.type().equals("master") || !String.valueOf(master.port()).equals(trim(p.text("port")))) {
                continue;
            }
            String ip = trim(p.text("ip"));
            String localIp = trim(p.text("local_ip"));
            if (master.ip().equals(ip) || master.ip().equals(localIp)) {
                if (localIp != null) {
                    ips.add(localIp);
                }
            }
        }
        return ips;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String peerIp(InetSocketAddress peer) {
        return peer == null || peer.getAddress() == null ? null : peer.getAddress().getHostAddress();
    }

    private static FileWriteRejectedException refuse(FileWriteStart start, String why) {
        LOG.warn("Ledger file '{}' refused: {}", start.name(), why);
        return new FileWriteRejectedException(ErrorCode.FILE_NOT_AUTHORIZED.code(),
            "ledger file '" + start.name() + "' not accepted: " + why);
    }
}
