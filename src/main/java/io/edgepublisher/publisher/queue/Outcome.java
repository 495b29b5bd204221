package io.edgepublisher.publisher.queue;

/**
 * What happens to a file after an attempt that did not end in acceptance (PUBLISHER.md §4.4, §5.3–5.5, §8), and the
 * {@code tsd_info} status to record first ({@code status2} null: nothing to record).
 *
 * @param at   for {@link Next#RETRY_AT}: epoch millis of the next attempt; for {@link Next#WAIT_ROUTE}: the
 *             {@code no_route_timeout} deadline (0: none)
 * @param code for {@link Next#ERROR_DIR}: the error code; {@code text} the reason, {@code dest} the destination the
 *             error is counted under (null: local)
 */
public record Outcome(Next next, long at, String status1, String status2, int code, String text, String dest) {

    public enum Next {
        /** Back off until {@code at}. */
        RETRY_AT,
        /** Route again at once (an unpinned connection failure: another destination may be free). */
        REROUTE,
        /** No destination: wait for a routes change, or the timeout at {@code at}. */
        WAIT_ROUTE,
        /** Move to the error dir with {@code code}. */
        ERROR_DIR,
        /** The file is gone from the watch dir. */
        VANISHED,
        /** Nothing to do (a stale or stopping attempt). */
        NOTHING
    }

    static Outcome retryAt(long at, String status1, String status2) {
        return new Outcome(Next.RETRY_AT, at, status1, status2, 0, null, null);
    }

    static Outcome nothing() {
        return new Outcome(Next.NOTHING, 0, null, null, 0, null, null);
    }

    public boolean errorDir() {
        return next == Next.ERROR_DIR;
    }
}
