package io.edgepublisher.publisher.queue;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.routing.Backoff;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.RouteDecision;
import io.edgepublisher.publisher.stats.PublisherStats;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed attempt, an operator's echo or a missing route does to a file (PUBLISHER.md §4.4, §5.3–5.5, §8):
 * pins, destination cooldowns, backoff with jitter, {@code retry_limit} and {@code no_route_timeout}, the status
 * texts of §6.2, and the counters of §10. Decides only: the {@link DeliveryQueue} applies the result. Called with the
 * queue's lock held; does no I/O.
 */
final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.publisher");
    private static final Set<TransferFailure> CONNECTION = EnumSet.of(TransferFailure.CONNECTION_REFUSED,
        TransferFailure.CONNECT_TIMEOUT, TransferFailure.CONNECTION_ERROR);

    private final PublisherConfig cfg;
    private final Cooldowns cooldowns;
    private final DistributionTable distribution;
    private final PublisherStats stats;
    private final QueueEvents events;
    /** Tables whose files wait for a route, with the reason last logged at INFO. */
    private final Map<String, String> noRouteLogged = new ConcurrentHashMap<>();

    Outcomes(PublisherConfig cfg, Cooldowns cooldowns, DistributionTable distribution, PublisherStats stats,
             QueueEvents events) {
        this.cfg = cfg;
        this.cooldowns = cooldowns;
        this.distribution = distribution;
        this.stats = stats;
        this.events = events;
    }

    /** The next attempt after the file's n-th consecutive failure (§5.5). */
    long backoffDelay(QueuedFile f) {
        return Backoff.jittered(cfg.retryMin(), cfg.retryMax(), Math.max(1, f.consecutive));
    }

    /** §5.3–5.5: a transfer that failed. */
    Outcome transferFailed(QueuedFile f, TransferResult r, long now) {
        int code = r.errorCode();
        String text = r.detail() == null ? ErrorCode.textOf(code) : r.detail();
        if (r.failure() == TransferFailure.LOCAL_FILE_ERROR && code == ErrorCode.FILE_NOT_EXISTS.code()) {
            return new Outcome(Outcome.Next.VANISHED, 0, null, "vanished", 0, null, null);
        }
        boolean connection = !r.writeAttempted() && CONNECTION.contains(r.failure());
        if (connection) {
            cooldowns.connectionFailed(f.dest, now);
        } else if (r.failure() != null && r.failure().afterConnect()) {
            cooldowns.connected(f.dest);
        }
        if (r.writeAttempted()) {
            f.pinned = f.dest;
        }
        String status2 = (f.pinned != null ? "failed pinned " : "failed ") + code + ": " + text;
        LOG.debug("Attempt of {} to {} failed ({}): {}", f.name(), f.dest, code, text);
        Outcome limit = counted(f, code, text);
        if (limit != null) {
            return new Outcome(limit.next(), 0, f.dest, status2, limit.code(), limit.text(), limit.dest());
        }
        long at = now + backoffDelay(f);
        if (connection && f.pinned == null) {
            // §5.3: routed again at once to another destination if one is free, else it backs off.
            f.notBefore = at;
            f.rerouteNow = true;
            return new Outcome(Outcome.Next.REROUTE, at, f.dest, status2, 0, null, null);
        }
        return Outcome.retryAt(at, f.dest, status2);
    }

    /** §5.4: an echo naming the file during its transfer or {@code ack_wait}: transient, the pin is released. */
    Outcome echoFailed(QueuedFile f, long now) {
        f.echoed = false;
        int code = f.echoCode;
        String text = f.echoText;
        LOG.info("File {} was reported failed by {} ({}): pin released, it is sent again", f.name(), f.dest, code);
        f.pinned = null;
        f.pinReleased = true;
        String status2 = "failed " + code + ": " + text;
        Outcome limit = counted(f, code, text);
        if (limit != null) {
            return new Outcome(limit.next(), 0, null, status2, limit.code(), limit.text(), limit.dest());
        }
        return Outcome.retryAt(now + backoffDelay(f), null, status2);
    }

    /** Counts a failed attempt; the error-dir outcome when {@code retry_limit} is reached, else null. */
    private Outcome counted(QueuedFile f, int code, String text) {
        f.lastCode = code;
        f.lastError = text;
        stats.error(f.file.dbms(), f.file.table(), f.dest, text);
        events.attemptFailed(f.dest);
        if (f.routeKey != null) {
            distribution.failed(f.routeKey, f.dest);
        }
        f.consecutive++;
        f.failedAttempts++;
        if (cfg.retryLimit() > 0 && f.failedAttempts >= cfg.retryLimit()) {
            return new Outcome(Outcome.Next.ERROR_DIR, 0, null, null, code,
                "retry_limit " + cfg.retryLimit() + " reached: " + text, f.dest);
        }
        events.retryScheduled();
        return null;
    }

    /** §4.4: no destination now; waits for a routes change, or goes to the error dir after the timeout. */
    Outcome noRoute(QueuedFile f, RouteDecision.NoRoute d, long now) {
        f.rerouteNow = false;
        f.noRouteCode = d.code().code();
        f.lastError = d.detail();
        long timeout = cfg.noRouteTimeout().toMillis();
        if (timeout > 0 && now >= f.fileTime + timeout) {
            LOG.warn("File {} found no route within no_route_timeout", f.name());
            return new Outcome(Outcome.Next.ERROR_DIR, 0, null, null, f.noRouteCode,
                "no route after " + cfg.noRouteTimeout().toSeconds() + " s: " + d.detail(), null);
        }
        String status2 = "no route: " + d.code().text();
        long deadline = timeout > 0 ? f.fileTime + timeout : 0;
        if (status2.equals(f.lastStatus2)) {
            return new Outcome(Outcome.Next.WAIT_ROUTE, deadline, null, null, 0, null, null);
        }
        // INFO once per table and reason (until a file of the table is delivered), so a backlog without a route
        // does not log a line per file; the rest at DEBUG.
        if (d.detail().equals(noRouteLogged.put(f.file.dbms() + '.' + f.file.table(), d.detail()))) {
            LOG.debug("File {} waits for a route: {}", f.name(), d.detail());
        } else {
            LOG.info("File {} waits for a route: {} (further files of {}.{} at DEBUG)", f.name(), d.detail(),
                f.file.dbms(), f.file.table());
        }
        return new Outcome(Outcome.Next.WAIT_ROUTE, deadline, "pending", status2, 0, null, null);
    }

    /** §4.1: every destination of the deciding source is in cooldown until {@code until}. */
    Outcome routeWait(QueuedFile f, long until, long now) {
        long at = Math.max(until, f.rerouteNow ? f.notBefore : now);
        f.rerouteNow = false;
        return Outcome.retryAt(Math.max(at, now + 1), null, null);
    }

    /** A step failed in a way no rule covers (a bug, a database statement error): the file is tried again later. */
    Outcome unexpected(QueuedFile f, Throwable e, long now) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!text.equals(f.lastError)) {
            LOG.error("Delivery of {} failed unexpectedly ({}); it is tried again", f.name(), e.toString(), e);
        }
        f.lastError = text;
        f.consecutive++;
        return Outcome.retryAt(now + Math.max(backoffDelay(f), cfg.dbRetry().toMillis()), null, null);
    }

    /** A file of the table was delivered: the next file of it waiting for a route logs at INFO again. */
    void delivered(QueuedFile f) {
        noRouteLogged.remove(f.file.dbms() + '.' + f.file.table());
    }

    /** An error-dir move: counted and logged (§8). */
    void errorDir(QueuedFile f, int code, String text, String dest) {
        stats.error(f.file.dbms(), f.file.table(), dest, text);
        events.errored(f.name(), code);
        LOG.warn("File {} goes to the error dir with {} ({}): {}", f.name(), code, ErrorCode.textOf(code), text);
    }
}
