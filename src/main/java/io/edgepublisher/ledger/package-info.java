/**
 * The metadata layer (LEDGER.md), plain Java without Camel or networking.
 *
 * <ul>
 *   <li>Policies: {@link io.edgepublisher.ledger.PolicyText#rewrite} / {@link io.edgepublisher.ledger.PolicyText#parse}
 *       turn command text into a {@link io.edgepublisher.ledger.Policy}; {@link io.edgepublisher.ledger.PolicyPreparer}
 *       adds id and date; {@link io.edgepublisher.ledger.PushCommands} builds the texts sent to a master.</li>
 *   <li>The local ledger: {@link io.edgepublisher.ledger.Ledger} (single writer, lock-free
 *       {@link io.edgepublisher.ledger.LedgerSnapshot}s) over {@link io.edgepublisher.ledger.LedgerFile};
 *       {@link io.edgepublisher.ledger.InsertRules} and {@link io.edgepublisher.ledger.LedgerMerge} hold the rules.</li>
 *   <li>The running node: {@link io.edgepublisher.ledger.LedgerModule#install} registers
 *       {@link io.edgepublisher.ledger.MetadataService} (also as {@link io.edgepublisher.ledger.Metadata}, what the
 *       publisher consumes), the sync services and the {@code LedgerFileReceiver}, and the commands.</li>
 *   <li>Sub-packages: {@code query} ({@code blockchain get}), {@code routing} (table → cluster → operator),
 *       {@code sync} (requests, the {@code blockchain-sync} route, reception and merge of the master's ledger),
 *       {@code commands} (the {@code blockchain …} and sync commands).</li>
 * </ul>
 */
package io.edgepublisher.ledger;
