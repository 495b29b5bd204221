/**
 * {@code blockchain get} (LEDGER.md §5): {@link io.edgepublisher.ledger.query.PolicyQuery#parse} the words after the
 * command, then {@link io.edgepublisher.ledger.query.PolicyQuery#evaluate} on a ledger snapshot; the
 * {@link io.edgepublisher.ledger.query.QueryResult} gives the text for local/REST callers and for TCP peers.
 */
package io.edgepublisher.ledger.query;
