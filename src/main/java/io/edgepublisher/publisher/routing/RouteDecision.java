package io.edgepublisher.publisher.routing;

import io.edgepublisher.command.ErrorCode;

/** Where a file goes now (PUBLISHER.md §4). */
public sealed interface RouteDecision {

    /** Send to {@code dest}; {@code distributionKey} names the {@code set data distribution} entry, else null. */
    record Routed(String dest, String distributionKey) implements RouteDecision {
    }

    /** No destination (73 or 203): the file waits for a route (§4.4). */
    record NoRoute(ErrorCode code, String detail) implements RouteDecision {
    }

    /** Every destination is in cooldown: try again at {@code untilMillis} (§4.1, LEDGER.md §6.6 step 4). */
    record Wait(long untilMillis) implements RouteDecision {
    }
}
