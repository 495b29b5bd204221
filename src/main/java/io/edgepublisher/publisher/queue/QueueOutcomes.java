package io.edgepublisher.publisher.queue;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.disposal.FileMoves;
import io.edgepublisher.publisher.routing.RouteDecision;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What happens after an attempt (PUBLISHER.md §5.3–5.5, §7): acceptance after {@code sent} and {@code ack_wait},
 * failures with pinning, cooldown and backoff, operator echoes, no-route waiting, and disposal.
 */
abstract class QueueOutcomes extends QueueCore {
    private static final Set<TransferFailure> CONNECTION = EnumSet.of(TransferFailure.CONNECTION_REFUSED,
        TransferFailure.CONNECT_TIMEOUT, TransferFailure.CONNECTION_ERROR);
    private long lastDisposalWarning;

    QueueOutcomes(QueueDeps deps) {
        super(deps);
    }

    /** A transfer returned (loop thread). */
    void transferred(QueuedFile f, Lane lane, TransferResult r) {
        lane.sending = null;
        inFlight--;
        requestKick();
        if (f.state != FileState.SENDING) {
            return;
        }
        if (!r.success()) {
            failed(f, r);
            return;
        }
        deps.cooldowns().connected(f.dest);
        f.transferredNanos = System.nanoTime();
        deps.events().transferred(f.name(), f.dest, f.transferredNanos - f.discoveredNanos);
        if (f.echoed) {
            echoFailure(f);
            return;
        }
        f.state = FileState.SENT;
        writeSent(f);
    }

    private void writeSent(QueuedFile f) {
        status(f, null, "sent").whenComplete((v, e) -> post(() -> {
            if (f.state != FileState.SENT) {
                return;
            }
            if (e != null) {
                schedule(f, () -> writeSent(f), cfg.dbRetry().toMillis());
                return;
            }
            if (f.echoed) {
                echoFailure(f);
            } else if (cfg.ackWait().isZero()) {
                accept(f);
            } else {
                // §5.4 item 3: the window for an operator's echo starts once 'sent' is durable.
                schedule(f, () -> {
                    if (f.state == FileState.SENT) {
                        accept(f);
                    }
                }, cfg.ackWait().toMillis());
            }
        }));
    }

    private void accept(QueuedFile f) {
        f.cancelTimer();
        f.state = FileState.DELIVERING;
        status(f, f.dest, "delivered").whenComplete((v, e) -> post(() -> {
            if (f.state != FileState.DELIVERING) {
                return;
            }
            if (e != null) {
                schedule(f, () -> accept(f), cfg.dbRetry().toMillis());
                return;
            }
            if (f.echoed) {
                // The echo came while 'delivered' was being written: it still counts as inside ack_wait.
                echoFailure(f);
                return;
            }
            long now = now();
            deps.stats().delivered(f.file.dbms(), f.file.table(), f.dest, f.file.rows(), f.file.bytes());
            if (f.routeKey != null) {
                deps.distribution().delivered(f.routeKey, f.dest, now);
            }
            long since = System.nanoTime() - f.discoveredNanos;
            deps.events().delivered(f.name(), f.dest, since);
            deps.events().accepted(f.dest, f.file.bytes(), since);
            LOG.debug("File {} delivered to {}", f.name(), f.dest); // per file: DEBUG (counts: get publisher, metrics)
            noRouteLogged.remove(f.file.dbms() + '.' + f.file.table());
            recent.put(f.hash(), new Delivered(f.name(), f.dest, f.file.dbms(), f.file.table()));
            dispose(f, now);
        }));
    }

    /** §7: delete / archive / bkup on the disposal pool; the file leaves the queue when that is done. */
    void dispose(QueuedFile f, long acceptedAt) {
        f.cancelTimer();
        f.state = FileState.DISPOSING;
        disposers.execute(() -> {
            Path copy = null;
            IOException err = null;
            try {
                copy = deps.disposer().dispose(f.file, Instant.ofEpochMilli(acceptedAt));
            } catch (IOException e) {
                err = e;
            }
            Path kept = copy;
            IOException failure = err;
            post(() -> disposed(f, kept, failure));
        });
    }

    private void disposed(QueuedFile f, Path copy, IOException err) {
        Delivered d = recent.get(f.hash());
        if (d != null) {
            d.copy = copy;
        }
        if (err == null) {
            remove(f);
            return;
        }
        // §7.1: the file stays in the watch dir with its 'delivered' row; it leaves the queue and a later scan
        // finds it again ("already delivered") and retries. The name stays known for a while to pace the retries.
        remove(f);
        known.add(f.name());
        long now = now();
        if (now - lastDisposalWarning >= 60_000) {
            lastDisposalWarning = now;
            LOG.warn("Disposition of delivered file {} failed ({}); it stays in the watch dir and is retried",
                f.name(), err.toString());
        }
        loop.schedule(() -> known.remove(f.name()), 10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void failed(QueuedFile f, TransferResult r) {
        int code = r.errorCode();
        String text = r.detail() == null ? ErrorCode.textOf(code) : r.detail();
        if (r.failure() == TransferFailure.LOCAL_FILE_ERROR && code == ErrorCode.FILE_NOT_EXISTS.code()) {
            vanished(f);
            return;
        }
        long now = now();
        boolean connection = !r.writeAttempted() && CONNECTION.contains(r.failure());
        if (connection) {
            deps.cooldowns().connectionFailed(f.dest, now);
        } else if (r.failure() != null && r.failure().afterConnect()) {
            deps.cooldowns().connected(f.dest);
        }
        if (r.writeAttempted()) {
            f.pinned = f.dest;
        }
        f.lastCode = code;
        f.lastError = text;
        status(f, f.dest, (f.pinned != null ? "failed pinned " : "failed ") + code + ": " + text);
        deps.stats().error(f.file.dbms(), f.file.table(), f.dest, text);
        deps.events().attemptFailed(f.dest);
        if (f.routeKey != null) {
            deps.distribution().failed(f.routeKey, f.dest);
        }
        LOG.debug("Attempt of {} to {} failed ({}): {}", f.name(), f.dest, code, text);
        f.consecutive++;
        f.failedAttempts++;
        if (cfg.retryLimit() > 0 && f.failedAttempts >= cfg.retryLimit()) {
            toErrorDir(f, code, "retry_limit " + cfg.retryLimit() + " reached: " + text, f.dest);
            return;
        }
        deps.events().retryScheduled();
        long at = now + backoffDelay(f);
        if (connection && f.pinned == null) {
            // §5.3: routed again at once to another destination if one is free, else it backs off.
            f.notBefore = at;
            f.rerouteNow = true;
            makeReady(f);
        } else {
            backoffUntil(f, at);
        }
    }

    void vanished(QueuedFile f) {
        LOG.info("File {} vanished from the watch dir", f.name());
        remove(f);
        status(f, null, "vanished");
    }

    /** §5.4: an echo naming the file during the transfer or {@code ack_wait}: transient, pin released. */
    void echoFailure(QueuedFile f) {
        f.cancelTimer();
        f.echoed = false;
        int code = f.echoCode;
        String text = f.echoText;
        status(f, null, "failed " + code + ": " + text);
        deps.stats().error(f.file.dbms(), f.file.table(), f.dest, text);
        deps.events().attemptFailed(f.dest);
        if (f.routeKey != null) {
            deps.distribution().failed(f.routeKey, f.dest);
        }
        LOG.info("File {} was reported failed by {} ({}): pin released, it is sent again", f.name(), f.dest, code);
        f.pinned = null;
        f.pinReleased = true;
        f.lastCode = code;
        f.lastError = text;
        f.consecutive++;
        f.failedAttempts++;
        if (cfg.retryLimit() > 0 && f.failedAttempts >= cfg.retryLimit()) {
            toErrorDir(f, code, "retry_limit " + cfg.retryLimit() + " reached: " + text, f.dest);
            return;
        }
        deps.events().retryScheduled();
        backoffUntil(f, now() + backoffDelay(f));
    }

    /** §5.4: an echo for a file accepted earlier: put it back from its kept copy if there is one. */
    void lateEcho(String hash, Delivered d, int code, String text) {
        recent.remove(hash);
        Path copy = d.copy;
        if (copy == null || byHash.containsKey(hash)) {
            LOG.error("File {} reported failed by {} after acceptance ({}: {}); no copy to send again", d.name,
                d.dest, code, text);
            return;
        }
        Path target = cfg.watchDir().resolve(d.name);
        // The row must say 'failed' before the copy appears, or the watcher would find it "already delivered".
        deps.tsd().update(hash, null, "failed " + code + ": " + text, null).whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("File {} reported failed by {} after acceptance; its row could not be updated: {}", d.name,
                    d.dest, e.toString());
                return;
            }
            disposers.execute(() -> {
                try {
                    boolean gunzip = copy.getFileName().toString().endsWith(".gz") && !d.name.endsWith(".gz");
                    if (gunzip) {
                        FileMoves.gunzipCopy(copy, target);
                    } else {
                        FileMoves.copy(copy, target);
                    }
                    LOG.warn("File {} reported failed by {} after acceptance ({}): restored from {} and queued again",
                        d.name, d.dest, code, copy);
                    deps.nodeFile().accept(target);
                } catch (IOException | RuntimeException ex) {
                    LOG.error("File {} reported failed by {} after acceptance; restoring it from {} failed: {}",
                        d.name, d.dest, copy, ex.toString());
                }
            });
        });
        deps.stats().error(d.dbms, d.table, d.dest, text);
    }

    /** Tables whose files wait for a route, with the reason last logged at INFO. */
    private final java.util.Map<String, String> noRouteLogged = new java.util.concurrent.ConcurrentHashMap<>();

    /** §4.4: no destination now; waits for a ledger or distribution change, or the timeout. */
    void waitForRoute(QueuedFile f, RouteDecision.NoRoute d) {
        f.state = FileState.WAITING_ROUTE;
        f.noRouteCode = d.code().code();
        f.lastError = d.detail();
        waiting.add(f);
        String s2 = "no route: " + d.code().text();
        if (!s2.equals(f.lastStatus2)) {
            // INFO once per table and reason (until a file of the table is delivered), so a backlog without a route
            // does not log a line per file; the rest at DEBUG.
            if (d.detail().equals(noRouteLogged.put(f.file.dbms() + '.' + f.file.table(), d.detail()))) {
                LOG.debug("File {} waits for a route: {}", f.name(), d.detail());
            } else {
                LOG.info("File {} waits for a route: {} (further files of {}.{} at DEBUG)", f.name(), d.detail(),
                    f.file.dbms(), f.file.table());
            }
            status(f, "pending", s2);
        }
        long timeout = cfg.noRouteTimeout().toMillis();
        if (timeout > 0) {
            long left = f.fileTime + timeout - now();
            schedule(f, () -> {
                if (f.state == FileState.WAITING_ROUTE) {
                    LOG.warn("File {} found no route within no_route_timeout", f.name());
                    toErrorDir(f, f.noRouteCode, "no route after " + cfg.noRouteTimeout().toSeconds() + " s: "
                        + f.lastError, null);
                }
            }, left);
        }
    }

    /** Every waiting file is routed again (ledger sync, metadata rebuild, distribution change). */
    void rerouteWaiting() {
        for (QueuedFile f : waiting.toArray(new QueuedFile[0])) {
            waiting.remove(f);
            makeReady(f);
        }
    }
}
