/**
 * Ledger synchronisation helpers (LEDGER.md §4.4–4.6): the request text and master reply paths
 * ({@link io.edgepublisher.ledger.sync.SyncRequest}) and the persisted synchroniser state with the hash rule
 * ({@link io.edgepublisher.ledger.sync.SyncState}).
 */
package io.edgepublisher.ledger.sync;
