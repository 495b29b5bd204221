package io.edgepublisher.publisher.route;

/** Every destination of the deciding source is in cooldown (PUBLISHER.md §4.1): the file waits until {@link #until}. */
public final class RouteWaitException extends RuntimeException {
    private final long until;

    public RouteWaitException(long until) {
        super("every destination is in cooldown; next attempt at " + java.time.Instant.ofEpochMilli(until), null,
            false, false);
        this.until = until;
    }

    public long until() {
        return until;
    }
}
