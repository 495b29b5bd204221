/**
 * Ledger synchronisation with a master (LEDGER.md §4.4–4.6).
 *
 * <ul>
 *   <li>{@link io.edgepublisher.ledger.sync.SyncRequest} (request text, reply paths) and
 *       {@link io.edgepublisher.ledger.sync.SyncState} (persisted state, the hash rule): plain helpers.</li>
 *   <li>{@link io.edgepublisher.ledger.sync.Synchronizer}: the node's synchroniser (master, interval, requests,
 *       waits for files); {@link io.edgepublisher.ledger.sync.SyncRoute}: the quartz route {@code blockchain-sync};
 *       {@link io.edgepublisher.ledger.sync.SyncControl}: what the commands and the {@code Blockchain Sync} row
 *       use.</li>
 *   <li>{@link io.edgepublisher.ledger.sync.MasterFileReceiver}: the node's
 *       {@link io.edgepublisher.wire.inbound.LedgerFileReceiver} (the TCP server hands it every flag-2 file);
 *       {@link io.edgepublisher.ledger.sync.LedgerMerger}: merges on its own thread, newest waiting file only,
 *       re-pushes missing local policies.</li>
 *   <li>{@link io.edgepublisher.ledger.sync.MasterLink}: sends {@code blockchain push} and
 *       {@code event get_blockchain} through the TCP server's {@code PeerClient} and {@code SourceAddress}
 *       services; without them the TCP server is not running.</li>
 * </ul>
 */
package io.edgepublisher.ledger.sync;
