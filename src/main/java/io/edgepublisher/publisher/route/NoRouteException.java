package io.edgepublisher.publisher.route;

import io.edgepublisher.publisher.routing.RouteDecision;

/** No destination for the file now (PUBLISHER.md §4.4): it waits for a routes change, or its timeout. */
public final class NoRouteException extends RuntimeException {
    private final transient RouteDecision.NoRoute decision;

    public NoRouteException(RouteDecision.NoRoute decision) {
        super(decision.code().code() + " " + decision.code().text() + ": " + decision.detail(), null, false, false);
        this.decision = decision;
    }

    public RouteDecision.NoRoute decision() {
        return decision;
    }
}
