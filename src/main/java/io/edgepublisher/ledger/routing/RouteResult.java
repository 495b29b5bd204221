package io.edgepublisher.ledger.routing;

import io.edgepublisher.command.ErrorCode;
import java.util.Set;

/** The outcome of a metadata routing decision (LEDGER.md §6.6). */
public sealed interface RouteResult permits RouteResult.Routed, RouteResult.NoRoute, RouteResult.AllInCooldown {

    /** Send to {@code destination} ({@code ip:port}), an operator of cluster {@code clusterId}. */
    record Routed(String destination, String clusterId, String operatorName, String operatorId)
        implements RouteResult {
    }

    /**
     * No metadata route: {@link ErrorCode#MISSING_OPERATORS} (73) when no cluster lists the table (or the dbms has
     * no known company), {@link ErrorCode#OPERATOR_NOT_AVAILABLE} (203) when clusters list it but none has a usable
     * operator. The file waits for a ledger change (PUBLISHER.md §4.4).
     */
    record NoRoute(ErrorCode code, String detail) implements RouteResult {
    }

    /** Every candidate operator is in delivery cooldown: transient, retry when the earliest cooldown ends. */
    record AllInCooldown(Set<String> candidates) implements RouteResult {
    }
}
