package io.edgepublisher.publisher.routing;

import io.edgepublisher.command.ErrorCode;

/** Where a file goes now (PUBLISHER.md §4). */
public sealed interface RouteDecision {

    /**
     * Send to {@code dest}; {@code distributionKey} names the {@code set data distribution} entry, else null;
     * {@code autoCluster} names the cluster when the table has no metadata route and {@code new_table_cluster = auto}
     * chose it (issue 16), else null.
     */
    record Routed(String dest, String distributionKey, String autoCluster) implements RouteDecision {
        public Routed(String dest, String distributionKey) {
            this(dest, distributionKey, null);
        }
    }

    /** No destination (73 or 203): the file waits for a route (§4.4). */
    record NoRoute(ErrorCode code, String detail) implements RouteDecision {
    }

    /** Every destination is in cooldown: try again at {@code untilMillis} (§4.1, LEDGER.md §6.6 step 4). */
    record Wait(long untilMillis) implements RouteDecision {
    }
}
