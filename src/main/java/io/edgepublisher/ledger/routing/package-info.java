/**
 * Routing metadata (LEDGER.md §6): build a {@link io.edgepublisher.ledger.routing.RoutingIndex} from every new
 * ledger snapshot with one long-lived {@link io.edgepublisher.ledger.routing.RoundRobinState}, then ask it
 * {@link io.edgepublisher.ledger.routing.RoutingIndex#nextDestination} per file.
 */
package io.edgepublisher.ledger.routing;
