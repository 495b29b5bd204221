package io.edgepublisher.wire.inbound;

import io.edgepublisher.wire.FileWriteSinkFactory;

/**
 * Accepts {@code file write} messages with generic flag 2 (a ledger file from the master, PROTOCOL.md §7.5, §8.3
 * rule 3). Implemented by the metadata capability and registered as a node service; the TCP server hands every
 * flag-2 transfer to it and refuses them all (294) when none is registered. {@code open} must refuse a file that
 * does not come from the configured master or is not at the path this node asked for; {@code complete} on the
 * returned sink runs the ledger merge.
 *
 * <pre>{@code
 * Beans.bind(node, LedgerFileReceiver.class, start -> {
 *     // refuse unless start.header().sourceIp()/sourcePort() or start.socketPeer() is the master
 *     // and start.name() is the blockchain.master_id_<k>.new path this node asked for
 *     return new MergeOnComplete(new TransferFileSink(Path.of(start.name()), true)); // your FileWriteSink
 * });
 * }</pre>
 *
 * Before calling {@code open}, the TCP server has already checked that {@code start.name()} is an absolute path
 * inside the node's folders (after resolving symbolic links). {@code open} runs on a netty worker thread, as do
 * {@code append}, {@code complete} and {@code abort}: keep the merge short or hand it off. Throw
 * {@link io.edgepublisher.wire.FileWriteRejectedException} (294) to refuse; the sender then gets
 * {@code echo 'File write' operation failed: <reason>}.
 */
public interface LedgerFileReceiver extends FileWriteSinkFactory {
}
