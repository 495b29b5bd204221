/**
 * The metadata commands (COMMANDS.md §4.9–4.14), one class each, registered by
 * {@link io.edgepublisher.ledger.LedgerModule}: {@code blockchain prepare policy}, {@code blockchain insert},
 * {@code blockchain push} (refused: 109 / 212 from peers), {@code blockchain get} (GET, peer-allowed),
 * {@code blockchain reload|load metadata}, {@code run blockchain sync} and {@code exit synchronizer}.
 */
package io.edgepublisher.ledger.commands;
