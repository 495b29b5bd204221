package io.edgepublisher.wire.inbound;

import io.edgepublisher.wire.FileWriteSinkFactory;

/**
 * Accepts {@code file write} messages with generic flag 2 (a ledger file from the master, PROTOCOL.md §7.5, §8.3
 * rule 3). Implemented by the metadata capability and registered as a node service; the TCP server hands every
 * flag-2 transfer to it and refuses them all (294) when none is registered. {@code open} must refuse a file that
 * does not come from the configured master or is not at the path this node asked for; {@code complete} on the
 * returned sink runs the ledger merge.
 */
public interface LedgerFileReceiver extends FileWriteSinkFactory {
}
