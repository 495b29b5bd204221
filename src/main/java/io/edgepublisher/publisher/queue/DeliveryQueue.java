package io.edgepublisher.publisher.queue;

import io.edgepublisher.publisher.naming.IntakeResult;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.publisher.routing.RouteDecision;
import io.edgepublisher.store.TsdInfoDao;
import io.edgepublisher.store.TsdRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The publisher's delivery queue (PUBLISHER.md §3.4–§9) as a plain-Java state machine: files come in from the
 * watcher, are registered in {@code tsd_info}, routed, claimed, sent by a bounded pool with order kept per table,
 * accepted after {@code ack_wait}, and disposed of. See {@link QueueCore} for the threading model.
 */
public final class DeliveryQueue extends QueueOutcomes {

    public DeliveryQueue(QueueDeps deps) {
        super(deps);
    }

    /** Names the watcher must not hand over (queued or being taken in); the watcher adds to it. */
    public Set<String> knownNames() {
        return known;
    }

    /** A watcher result (any thread). */
    public void offer(IntakeResult r) {
        if (r instanceof IntakeResult.Accepted a) {
            post(() -> register(a.file()));
        } else if (r instanceof IntakeResult.Rejected rej) {
            post(() -> rejected(rej));
        } else if (r instanceof IntakeResult.Dropped d) {
            known.remove(d.name());
        } else if (r instanceof IntakeResult.Retry rt) {
            known.remove(rt.name());
            LOG.warn("File {} could not be read ({}); it is tried again at the next scan", rt.name(), rt.reason());
        }
    }

    /** Every file waiting for a route is routed again (ledger/metadata/distribution change; any thread). */
    public void routesChanged() {
        post(this::rerouteWaiting);
    }

    /**
     * A complete listing of the watch dir (any thread): queued files that are not being sent and are gone from it
     * left the queue as vanished (§5.5). Each candidate is checked on disk again, as the listing may be older than
     * the file.
     */
    public void listing(Set<String> names) {
        post(() -> {
            for (QueuedFile f : files()) {
                boolean idle = f.state == FileState.READY || f.state == FileState.BACKOFF
                    || f.state == FileState.WAITING_ROUTE;
                if (idle && !names.contains(f.name()) && !java.nio.file.Files.exists(f.file.path())) {
                    vanished(f);
                }
            }
        });
    }

    /** The database went down ({@code false}) or came back (any thread, §6.3). */
    public void databaseHealthy(boolean healthy) {
        post(() -> {
            paused = !healthy;
            if (healthy) {
                requestKick();
            }
        });
    }

    /**
     * An unclaimed {@code echo} (any thread): matched against files being delivered to, or delivered by, its source.
     *
     * @param source the echo's source {@code ip:port} (header, or socket peer)
     * @param peerIp the socket peer's IP, or null
     */
    public void echo(String source, String peerIp, int code, String text) {
        post(() -> matchEcho(source, peerIp, code == 0 ? 3 : code, text));
    }

    private void matchEcho(String source, String peerIp, int code, String text) {
        for (String token : EchoTokens.of(text)) {
            QueuedFile f = token.length() == 32 ? byHash.get(token) : null;
            if (f == null) {
                f = byName.get(token.endsWith(".gz") && !byName.containsKey(token)
                    ? token.substring(0, token.length() - 3) : token);
            }
            if (f != null && fromDestination(f.dest, source, peerIp)) {
                f.echoCode = code;
                f.echoText = text.trim();
                switch (f.state) {
                    case SENDING, DELIVERING -> f.echoed = true;
                    case SENT -> echoFailure(f);
                    default -> LOG.debug("Echo for {} in state {} ignored: {}", f.name(), f.state, text);
                }
                return;
            }
            if (token.length() == 32) {
                Delivered d = recent.get(token);
                if (d != null && fromDestination(d.dest, source, peerIp)) {
                    lateEcho(token, d, code, text.trim());
                    return;
                }
            }
        }
        LOG.debug("Echo from {} names no file in delivery: {}", source, text);
    }

    private static boolean fromDestination(String dest, String source, String peerIp) {
        if (dest == null) {
            return false;
        }
        if (dest.equals(source)) {
            return true;
        }
        int colon = dest.lastIndexOf(':');
        return peerIp != null && colon > 0 && dest.substring(0, colon).equals(peerIp);
    }

    private void rejected(IntakeResult.Rejected r) {
        known.remove(r.originalName());
        known.remove(r.currentName());
        String where = r.movedTo() == null ? "could not be moved to the error dir" : "moved to " + r.movedTo();
        LOG.warn("File {} rejected with {} ({}): {}; {}", r.originalName(), r.code(),
            io.edgepublisher.command.ErrorCode.textOf(r.code()), r.text(), where);
        PreparedFile p = r.file();
        String dbms = p != null ? p.dbms() : "";
        String table = p != null ? p.table() : "";
        deps.stats().error(dbms, table, null, r.text());
        deps.events().errored(r.currentName(), r.code());
        if (p != null) {
            deps.tsd().recordError(row(p, now(), "pending",
                "error " + r.code() + ": " + io.edgepublisher.command.ErrorCode.textOf(r.code())));
        }
    }

    private static TsdRow row(PreparedFile p, long now, String s1, String s2) {
        return new TsdRow(0, p.dbms(), p.table(), p.source(), p.hash(), p.instructions(), timeText(now), p.rows(),
            s1, s2);
    }

    /** §3.4. */
    private void register(PreparedFile p) {
        if (stopping) {
            known.remove(p.name());
            return;
        }
        if (byPath.containsKey(p.path())) {
            return;
        }
        QueuedFile other = byHash.get(p.hash());
        if (other != null) {
            // Two names claim one hash (only possible with a hash given in the name): never send both.
            LOG.warn("File {} has the hash of queued file {}; it waits until that one left the queue", p.name(),
                other.name());
            known.remove(p.name());
            return;
        }
        long now = now();
        QueuedFile f = new QueuedFile(p, seq++, now);
        byPath.put(p.path(), f);
        byHash.put(p.hash(), f);
        byName.put(p.name(), f);
        lane(f).size++;
        known.add(p.name());
        deps.events().registered(p.name(), System.nanoTime() - f.discoveredNanos);
        deps.tsd().register(row(p, now, "pending", "queued"))
            .whenComplete((existing, err) -> post(() -> registered(f, existing, err)));
    }

    private void registered(QueuedFile f, TsdRow existing, Throwable err) {
        if (f.state != FileState.REGISTERING) {
            return;
        }
        if (err != null) {
            LOG.error("tsd_info registration of {} failed ({}); retried", f.name(), err.toString());
            schedule(f, () -> {
                if (f.state == FileState.REGISTERING) {
                    deps.tsd().register(row(f.file, f.fileTime, "pending", "queued"))
                        .whenComplete((ex, e) -> post(() -> registered(f, ex, e)));
                }
            }, cfg.dbRetry().toMillis());
            return;
        }
        if (existing == null) {
            f.lastStatus2 = "queued";
            makeReady(f);
            return;
        }
        f.lastStatus2 = existing.status2();
        if (existing.delivered()) {
            LOG.debug("File {} already delivered to {}", f.name(), existing.status1());
            dispose(f, now());
            return;
        }
        try {
            f.fileTime = TsdInfoDao.parseTime(existing.fileTime()).toEpochMilli();
        } catch (RuntimeException e) {
            LOG.debug("file_time '{}' of {} not parsed; the queue time is used", existing.fileTime(), f.name());
        }
        if (existing.pinned()) {
            f.pinned = existing.status1();
            LOG.info("File {} resumes, pinned to {}", f.name(), f.pinned);
        }
        makeReady(f);
    }

    /** Starts claimed files on free slots, then claims ahead; oldest first-seen first (§5.6). */
    @Override
    void kick() {
        kickPending = false;
        if (paused || stopping) {
            return;
        }
        while (inFlight < cfg.threads()) {
            Lane best = null;
            for (Lane l : lanes.values()) {
                QueuedFile head = l.claimed.peekFirst();
                if (l.sending == null && head != null && head.claimCommitted
                    && (best == null || QueuedFile.ORDER.compare(head, best.claimed.peekFirst()) < 0)) {
                    best = l;
                }
            }
            if (best == null) {
                break;
            }
            start(best);
        }
        long now = now();
        // Claims ahead are bounded so that few rows say 'sending' for files that are not being sent yet.
        while (claims < cfg.threads() * Lane.DEPTH) {
            Lane best = null;
            for (Lane l : lanes.values()) {
                if (l.claimed.size() < Lane.DEPTH && !l.ready.isEmpty() && (best == null || better(l, best))) {
                    best = l;
                }
            }
            if (best == null) {
                break;
            }
            claim(best, now);
        }
    }

    /** Tables with fewer files in the pipe first (an idle table before one that is sending), then the oldest head. */
    private static boolean better(Lane a, Lane b) {
        int ai = a.claimed.size() + (a.sending == null ? 0 : 1);
        int bi = b.claimed.size() + (b.sending == null ? 0 : 1);
        if (ai != bi) {
            return ai < bi;
        }
        return QueuedFile.ORDER.compare(a.ready.first(), b.ready.first()) < 0;
    }

    private void claim(Lane lane, long now) {
        QueuedFile f = lane.ready.pollFirst();
        String dest;
        String key = null;
        if (f.pinned != null) {
            Set<String> candidates = deps.router().candidates(f.file.dbms(), f.file.table());
            if (candidates != null && !candidates.contains(f.pinned)) {
                LOG.info("File {}: pin to {} released, the destination is no longer a candidate", f.name(),
                    f.pinned);
                f.pinned = null;
                f.pinReleased = true;
            }
        }
        if (f.pinned != null) {
            dest = f.pinned;
            var e = deps.distribution().lookup(f.file.dbms(), f.file.table());
            key = e != null && e.dests().contains(dest) ? e.key() : null;
        } else {
            RouteDecision d = deps.router().route(f.file.dbms(), f.file.table(), now);
            if (d instanceof RouteDecision.NoRoute nr) {
                f.rerouteNow = false;
                waitForRoute(f, nr);
                return;
            }
            if (d instanceof RouteDecision.Wait w) {
                long at = Math.max(w.untilMillis(), f.rerouteNow ? f.notBefore : now);
                f.rerouteNow = false;
                backoffUntil(f, Math.max(at, now + 1));
                return;
            }
            RouteDecision.Routed r = (RouteDecision.Routed) d;
            dest = r.dest();
            key = r.distributionKey();
            if (f.pinReleased) {
                f.consecutive = 0; // §5.5: the count restarts when the file is re-routed after a pin release
                f.pinReleased = false;
            }
        }
        f.rerouteNow = false;
        f.dest = dest;
        f.routeKey = key;
        f.state = FileState.CLAIMED;
        f.claimCommitted = false;
        lane.claimed.addLast(f);
        claims++;
        // §5.1: the pin is durable before the first frame is written.
        status(f, dest, "sending").whenComplete((v, e) -> post(() -> {
            if (f.state != FileState.CLAIMED || !lane.claimed.contains(f)) {
                return;
            }
            if (e != null) {
                lane.claimed.remove(f);
                claims--;
                backoffUntil(f, now() + cfg.dbRetry().toMillis());
                return;
            }
            f.claimCommitted = true;
            requestKick();
        }));
    }

    private void start(Lane lane) {
        QueuedFile f = lane.claimed.pollFirst();
        claims--;
        if (f.pinned == null && deps.cooldowns().inCooldown(f.dest, now())) {
            // Claimed ahead while the previous transfer to this destination failed: route it again.
            makeReady(f);
            return;
        }
        lane.sending = f;
        inFlight++;
        f.state = FileState.SENDING;
        f.echoed = false;
        String dest = f.dest;
        senders.execute(() -> {
            var r = deps.transport().send(dest, f.file);
            post(() -> transferred(f, lane, r));
        });
    }

    /** {@code get publisher queue} (§10.4): computed on the queue's thread. */
    public List<QueueRow> snapshot() {
        CompletableFuture<List<QueueRow>> out = new CompletableFuture<>();
        post(() -> out.complete(QueueRow.of(lanes.values(), byPath.values(), now())));
        try {
            return out.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    /** Files in the queue now (tests, benchmarks). */
    public int size() {
        CompletableFuture<Integer> out = new CompletableFuture<>();
        post(() -> out.complete(byPath.size()));
        try {
            return out.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Stops: no new transfer starts, in-flight transfers get up to {@code wait} to finish; queued files stay in the
     * watch dir with their rows (§9).
     */
    public void stop(Duration wait) {
        post(() -> stopping = true);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            CompletableFuture<Integer> n = new CompletableFuture<>();
            post(() -> n.complete(inFlight));
            try {
                if (n.get(1, TimeUnit.SECONDS) == 0) {
                    break;
                }
                Thread.sleep(20);
            } catch (Exception e) {
                break;
            }
        }
        senders.shutdownNow();
        disposers.shutdown();
        try {
            disposers.awaitTermination(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + 1000,
                TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<QueuedFile> files() {
        return new ArrayList<>(byPath.values());
    }
}
