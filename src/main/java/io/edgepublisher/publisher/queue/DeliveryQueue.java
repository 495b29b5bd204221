package io.edgepublisher.publisher.queue;

import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.RouteDecision;
import io.edgepublisher.publisher.stats.PublisherStats;
import io.edgepublisher.store.TsdInfoDao;
import io.edgepublisher.wire.TransferResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's delivery state (PUBLISHER.md §3.4–§9), composed of the {@link QueueState} (files and their
 * indexes), the {@link Lanes} (per-table order, claims, transfer slots), the {@link Outcomes} (what a failure, echo
 * or missing route does), the {@link EchoMatcher} and the {@link AckWindow}. The routes drive it: every method is one
 * step of a file's journey. One lock guards all of it; no I/O is done and no exchange is continued while it is held.
 *
 * <p>Two hooks connect it to the routes: {@link #onClaim} receives each file claimed for a delivery attempt (the
 * consumer of the {@code publisher} route turns it into an exchange) and {@link #onAccept} each file whose
 * {@code ack_wait} ended or that an operator's echo named (the consumer of {@code publisher-accept}). Timers
 * (backoff, no-route timeout, ack window) run on {@code timer}; claims and hand-overs on {@code worker}.
 */
public final class DeliveryQueue {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.publisher");

    private final Object lock = new Object();
    private final PublisherConfig cfg;
    private final QueueState state = new QueueState();
    private final Lanes lanes;
    private final Outcomes outcomes;
    private final EchoMatcher echoes = new EchoMatcher(state);
    private final AckWindow window = new AckWindow();
    private final Cooldowns cooldowns;
    private final DistributionTable distribution;
    private final PublisherStats stats;
    private final QueueEvents events;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private final Executor worker;
    private volatile Consumer<QueuedFile> claimHook;
    private volatile Consumer<QueuedFile> acceptHook;
    private boolean paused;
    private boolean stopping;
    private boolean kickPending;
    private java.util.concurrent.ScheduledFuture<?> windowTimer;
    private long windowTimerAt = -1;
    private long lastDisposalWarning;

    public DeliveryQueue(PublisherConfig cfg, Cooldowns cooldowns, DistributionTable distribution,
                         PublisherStats stats, QueueEvents events, LongSupplier clock,
                         ScheduledExecutorService timer, Executor worker) {
        this.cfg = cfg;
        this.lanes = new Lanes(cfg.threads());
        this.outcomes = new Outcomes(cfg, cooldowns, distribution, stats, events);
        this.cooldowns = cooldowns;
        this.distribution = distribution;
        this.stats = stats;
        this.events = events;
        this.clock = clock;
        this.timer = timer;
        this.worker = worker;
    }

    public PublisherConfig config() {
        return cfg;
    }

    long now() {
        return clock.getAsLong();
    }

    // ---- hooks ------------------------------------------------------------------------------------------------

    /** The {@code publisher} route's consumer: receives claimed files (null: none, claims stop). */
    public void onClaim(Consumer<QueuedFile> hook) {
        this.claimHook = hook;
        requestKick();
    }

    /** The {@code publisher-accept} route's consumer: receives files to accept or to fail by an echo. */
    public void onAccept(Consumer<QueuedFile> hook) {
        this.acceptHook = hook;
        synchronized (lock) {
            windowTimerAt = -1;
        }
        scheduleWindow();
    }

    // ---- discovery and registration (§3.4) ----------------------------------------------------------------------

    /** Names the watcher must not hand over (queued or being taken in); the watcher adds to it. */
    public Set<String> knownNames() {
        return state.known;
    }

    /** A name the watcher handed over that does not enter the queue (dropped, retried later, rejected). */
    public void forget(String name) {
        state.known.remove(name);
    }

    /** Takes a prepared file into the queue (REGISTERING); null when it is queued already or another has its hash. */
    public QueuedFile admit(PreparedFile p) {
        synchronized (lock) {
            if (stopping) {
                state.known.remove(p.name());
                return null;
            }
            QueueState.Added[] why = new QueueState.Added[1];
            QueuedFile f = state.add(p, now(), why);
            if (f == null) {
                if (why[0] == QueueState.Added.SAME_HASH) {
                    // Two names claim one hash (only possible with a hash given in the name): never send both.
                    LOG.warn("File {} has the hash of queued file {}; it waits until that one left the queue",
                        p.name(), state.byHash(p.hash()).name());
                    state.known.remove(p.name());
                }
                return null;
            }
            lanes.joined(f);
            events.registered(p.name(), System.nanoTime() - f.discoveredNanos);
            return f;
        }
    }

    /** What registration found. */
    public enum Registered { QUEUED, DELIVERED, STALE }

    /**
     * The file's row is registered (§3.4): {@code stored2} null when this registration inserted it, else the stored
     * row's status. A delivered file goes to disposal (DISPOSING); any other is queued, pinned when its row pins it.
     */
    public Registered registered(QueuedFile f, String stored1, String stored2, String storedTime) {
        boolean kick;
        synchronized (lock) {
            if (f.state != FileState.REGISTERING || !state.contains(f)) {
                return Registered.STALE;
            }
            if (stored2 == null) {
                f.lastStatus2 = "queued";
            } else {
                f.lastStatus2 = stored2;
                if ("delivered".equals(stored2)) {
                    LOG.debug("File {} already delivered to {}", f.name(), stored1);
                    f.state = FileState.DISPOSING;
                    return Registered.DELIVERED;
                }
                try {
                    f.fileTime = TsdInfoDao.parseTime(storedTime).toEpochMilli();
                } catch (RuntimeException e) {
                    LOG.debug("file_time '{}' of {} not parsed; the queue time is used", storedTime, f.name());
                }
                if (io.edgepublisher.store.TsdRow.pins(stored2)) {
                    f.pinned = stored1;
                    LOG.info("File {} resumes, pinned to {}", f.name(), f.pinned);
                }
            }
            kick = makeReady(f);
        }
        kick(kick);
        return Registered.QUEUED;
    }

    /** The registration statement failed: the file leaves the queue; the next scan takes it again. */
    public void registrationFailed(QueuedFile f) {
        synchronized (lock) {
            leave(f);
        }
    }

    /**
     * A complete listing of the watch dir: idle queued files that are gone from it (and from the disk) left the
     * queue; returns them, for their {@code vanished} row (§5.5).
     */
    public List<QueuedFile> listing(Set<String> names) {
        // the lock is held only to pick the idle files, not while thousands of names are looked up or files stat'ed
        List<QueuedFile> idle = new ArrayList<>();
        synchronized (lock) {
            for (QueuedFile f : state.byPath.values()) {
                if (idle(f)) {
                    idle.add(f);
                }
            }
        }
        List<QueuedFile> gone = new ArrayList<>();
        for (QueuedFile f : idle) {
            if (names.contains(f.name()) || java.nio.file.Files.exists(f.file.path())) {
                continue;
            }
            synchronized (lock) {
                if (idle(f) && state.byPath.get(f.file.path()) == f) {
                    LOG.info("File {} vanished from the watch dir", f.name());
                    leave(f);
                    gone.add(f);
                }
            }
        }
        return gone;
    }

    private static boolean idle(QueuedFile f) {
        return f.state == FileState.READY || f.state == FileState.BACKOFF || f.state == FileState.WAITING_ROUTE;
    }

    // ---- claims and transfer slots (§5.6) ------------------------------------------------------------------------

    /** Claims ready files on the worker (coalesced). */
    public void requestKick() {
        synchronized (lock) {
            if (kickPending) {
                return;
            }
            kickPending = true;
        }
        try {
            worker.execute(this::kick);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped
        }
    }

    private void kick(boolean wanted) {
        if (wanted) {
            requestKick();
        }
    }

    /**
     * Claims until nothing more can be claimed. One kick runs at a time (a request meanwhile is covered by its next
     * round), so routing decisions are made in claim order: round-robin positions follow first-seen order.
     */
    private void kick() {
        Consumer<QueuedFile> hook = claimHook;
        while (true) {
            List<QueuedFile> claimed;
            synchronized (lock) {
                claimed = paused || stopping || hook == null ? List.of() : lanes.claim();
                if (claimed.isEmpty()) {
                    kickPending = false;
                    return;
                }
            }
            for (QueuedFile f : claimed) {
                hook.accept(f);
            }
        }
    }

    /** The pinned destination of a claimed file, or null. */
    public String pinned(QueuedFile f) {
        synchronized (lock) {
            return f.pinned;
        }
    }

    /**
     * §5.3: keeps the pin while the destination is still a candidate ({@code candidates} null: unknown, kept);
     * returns the pinned destination, or null when the pin was released.
     */
    public String checkPin(QueuedFile f, Set<String> candidates) {
        synchronized (lock) {
            if (f.pinned != null && candidates != null && !candidates.contains(f.pinned)) {
                LOG.info("File {}: pin to {} released, the destination is no longer a candidate", f.name(), f.pinned);
                f.pinned = null;
                f.pinReleased = true;
            }
            return f.pinned;
        }
    }

    /** The routing decision of a claimed file. */
    public void routed(QueuedFile f, String dest, String distributionKey) {
        routed(f, dest, distributionKey, null);
    }

    /** The routing decision of a claimed file; {@code autoCluster} when its table's automatic cluster chose it. */
    public void routed(QueuedFile f, String dest, String distributionKey, String autoCluster) {
        synchronized (lock) {
            f.rerouteNow = false;
            f.dest = dest;
            f.routeKey = distributionKey;
            f.autoCluster = autoCluster;
            if (f.pinned == null && f.pinReleased) {
                f.consecutive = 0; // §5.5: the count restarts when the file is re-routed after a pin release
                f.pinReleased = false;
            }
        }
    }

    /**
     * The claim's {@code sending} row is committed (§5.1): {@code go} continues its exchange once the file may start
     * (its table's earlier files started, a slot is free). Returns false when the claim is stale.
     */
    public boolean committed(QueuedFile f, Runnable go) {
        List<QueuedFile> start;
        synchronized (lock) {
            if (f.state != FileState.CLAIMED) {
                return false;
            }
            lanes.committed(f, go);
            start = admitLocked();
        }
        start(start);
        return true;
    }

    private List<QueuedFile> admitLocked() {
        return paused || stopping ? List.of() : lanes.admit();
    }

    private void start(List<QueuedFile> files) {
        for (QueuedFile f : files) {
            Runnable go = f.admitted;
            f.admitted = null;
            go.run();
        }
    }

    /**
     * A claim admitted while its (unpinned) destination went into cooldown through another file's failure: it
     * should be routed again instead of sent.
     */
    public boolean destinationCooling(QueuedFile f) {
        synchronized (lock) {
            return f.pinned == null && cooldowns.inCooldown(f.dest, now());
        }
    }

    public boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** What {@link #sent} and the acceptance steps found. */
    public enum Step { OK, ECHOED, STALE }

    /** All frames were sent and the operator closed (§5.4 items 1–2): the table and slot are free. */
    public Step sent(QueuedFile f) {
        List<QueuedFile> start;
        Step s;
        synchronized (lock) {
            lanes.transferEnded(f);
            start = admitLocked();
            if (f.state != FileState.SENDING) {
                s = Step.STALE;
            } else {
                cooldowns.connected(f.dest);
                events.transferred(f.name(), f.dest, System.nanoTime() - f.discoveredNanos);
                if (f.echoed) {
                    s = Step.ECHOED;
                } else {
                    f.state = FileState.SENT;
                    s = Step.OK;
                }
            }
        }
        start(start);
        requestKick();
        return s;
    }

    /** {@code sent} is committed: the {@code ack_wait} window opens (§5.4 item 3). */
    public Step awaitAck(QueuedFile f) {
        boolean now;
        synchronized (lock) {
            if (f.state != FileState.SENT) {
                return Step.STALE;
            }
            if (f.echoed) {
                return Step.ECHOED;
            }
            now = cfg.ackWait().isZero();
            if (!now) {
                window.open(f, now() + cfg.ackWait().toMillis());
            }
        }
        if (now) {
            accept(f);
        } else {
            scheduleWindow();
        }
        return Step.OK;
    }

    private void accept(QueuedFile f) {
        Consumer<QueuedFile> hook = acceptHook;
        if (hook != null) {
            hook.accept(f);
        }
    }

    private void scheduleWindow() {
        synchronized (lock) {
            long next = window.next();
            if (next < 0 || acceptHook == null || (windowTimerAt >= 0 && windowTimerAt <= next)) {
                return;
            }
            if (windowTimer != null) {
                windowTimer.cancel(false);
            }
            windowTimerAt = next;
            try {
                windowTimer = timer.schedule(this::windowEnded, Math.max(0, next - now()), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                windowTimerAt = -1;
            }
        }
    }

    private void windowEnded() {
        List<QueuedFile> due;
        synchronized (lock) {
            windowTimerAt = -1;
            windowTimer = null;
            if (acceptHook == null || stopping) {
                return;
            }
            due = window.due(now());
        }
        for (QueuedFile f : due) {
            accept(f);
        }
        scheduleWindow();
    }

    /** First step of acceptance: the window ended (or an echo came). DELIVERING unless echoed or stale. */
    public Step accepting(QueuedFile f) {
        synchronized (lock) {
            if (f.state != FileState.SENT) {
                return Step.STALE;
            }
            if (f.echoed) {
                return Step.ECHOED;
            }
            f.state = FileState.DELIVERING;
            return Step.OK;
        }
    }

    /** {@code delivered} is committed: the file is accepted (§5.4), counted, and goes to disposal. */
    public Step accepted(QueuedFile f) {
        synchronized (lock) {
            if (f.state != FileState.DELIVERING) {
                return Step.STALE;
            }
            if (f.echoed) {
                // The echo came while 'delivered' was being written: it still counts as inside ack_wait.
                return Step.ECHOED;
            }
            long since = System.nanoTime() - f.discoveredNanos;
            stats.delivered(f.file.dbms(), f.file.table(), f.dest, f.file.rows(), f.file.bytes());
            if (f.routeKey != null) {
                distribution.delivered(f.routeKey, f.dest, now());
            }
            events.delivered(f.name(), f.dest, since);
            events.accepted(f.dest, f.file.bytes(), since);
            // per file: DEBUG (counts: get publisher, metrics)
            LOG.debug("File {} delivered to {}", f.name(), f.dest);
            outcomes.delivered(f);
            echoes.delivered(f);
            f.state = FileState.DISPOSING;
            return Step.OK;
        }
    }

    /** §7: the file was deleted ({@code copy} null) or kept at {@code copy}; it leaves the queue. */
    public void disposed(QueuedFile f, Path copy) {
        synchronized (lock) {
            echoes.kept(f.hash(), copy);
            leave(f);
        }
    }

    /**
     * §7.1: disposition failed (e.g. disk full). The file stays in the watch dir with its {@code delivered} row and
     * leaves the queue; a later scan finds it "already delivered" and retries. The name stays known for 10 s to pace
     * the retries.
     */
    public void dispositionFailed(QueuedFile f, Throwable err) {
        synchronized (lock) {
            leave(f);
            state.known.add(f.name());
            long now = now();
            if (now - lastDisposalWarning >= 60_000) {
                lastDisposalWarning = now;
                LOG.warn("Disposition of delivered file {} failed ({}); it stays in the watch dir and is retried",
                    f.name(), err.toString());
            }
        }
        later(() -> state.known.remove(f.name()), 10_000);
    }

    // ---- failures (§4.4, §5.3–5.5) -----------------------------------------------------------------------------

    /** A transfer failed: the table and slot are free; the file backs off, is re-routed, or goes to the error dir. */
    public Outcome transferFailed(QueuedFile f, TransferResult r) {
        return decide(f, () -> outcomes.transferFailed(f, r, now()));
    }

    /** An echo named the file during its transfer or {@code ack_wait} (§5.4). */
    public Outcome echoFailed(QueuedFile f) {
        return decide(f, () -> outcomes.echoFailed(f, now()));
    }

    public Outcome noRoute(QueuedFile f, RouteDecision.NoRoute d) {
        return decide(f, () -> outcomes.noRoute(f, d, now()));
    }

    public Outcome routeWait(QueuedFile f, long until) {
        return decide(f, () -> outcomes.routeWait(f, until, now()));
    }

    /** A claim admitted while its destination cools down (another file's failure): routed again at once. */
    public Outcome reroute(QueuedFile f) {
        return decide(f, () -> new Outcome(Outcome.Next.REROUTE, 0, null, null, 0, null, null));
    }

    /** A failure no rule covers; while accepting, acceptance is retried instead of the transfer. */
    public Outcome unexpected(QueuedFile f, Throwable e) {
        boolean retryAccept;
        synchronized (lock) {
            retryAccept = f.state == FileState.DELIVERING && !stopping;
            if (retryAccept) {
                f.state = FileState.SENT;
                LOG.warn("Acceptance of {} failed ({}); retried in {} ms", f.name(), e.toString(),
                    cfg.dbRetry().toMillis());
                window.open(f, now() + cfg.dbRetry().toMillis());
                windowTimerAt = -1;
            }
        }
        if (retryAccept) {
            scheduleWindow();
            return Outcome.nothing();
        }
        return decide(f, () -> outcomes.unexpected(f, e, now()));
    }

    private Outcome decide(QueuedFile f, java.util.function.Supplier<Outcome> rule) {
        List<QueuedFile> start;
        Outcome o;
        boolean kick;
        synchronized (lock) {
            boolean live = state.contains(f) && f.state != FileState.DONE && f.state != FileState.DISPOSING;
            if (f.state == FileState.SENDING) {
                lanes.transferEnded(f);
            } else if (f.state == FileState.CLAIMED) {
                lanes.unclaim(f);
            }
            start = admitLocked();
            if (!live || stopping) {
                o = Outcome.nothing();
                kick = false;
            } else {
                f.cancelTimer();
                lanes.notReady(f);
                o = rule.get();
                if (o.status2() != null) {
                    f.lastStatus2 = o.status2();
                }
                kick = apply(f, o);
            }
        }
        start(start);
        kick(true);
        return o;
    }

    /** Applies an outcome (lock held); true when claims may be made. */
    private boolean apply(QueuedFile f, Outcome o) {
        switch (o.next()) {
            case RETRY_AT -> backoffUntil(f, o.at());
            case REROUTE -> {
                return makeReady(f);
            }
            case WAIT_ROUTE -> {
                f.state = FileState.WAITING_ROUTE;
                state.waiting.add(f);
                if (o.at() > 0) {
                    schedule(f, () -> {
                        synchronized (lock) {
                            if (f.state == FileState.WAITING_ROUTE) {
                                state.waiting.remove(f);
                                kick(makeReady(f));
                            }
                        }
                    }, o.at() - now());
                }
            }
            case ERROR_DIR -> {
                outcomes.errorDir(f, o.code(), o.text(), o.dest());
                leave(f);
                // The name stays known until the move is done, so the watcher does not take the file again meanwhile.
                state.known.add(f.name());
            }
            case VANISHED -> {
                LOG.info("File {} vanished from the watch dir", f.name());
                leave(f);
            }
            default -> {
            }
        }
        return false;
    }

    /** The error-dir move of a file ended (moved or not): its name may be handed over again. */
    public void movedToErrorDir(String name) {
        state.known.remove(name);
    }

    // ---- echoes (§5.4) ---------------------------------------------------------------------------------------

    /** A late echo: the file was accepted before; its row and kept copy are restored by the caller. */
    public record LateEcho(String hash, String name, String dest, String dbms, String table, Path copy,
                           boolean queuedAgain) {
    }

    /**
     * An unclaimed {@code echo} (any thread): a file being delivered to its source is failed (at once when it waits
     * in its {@code ack_wait}); a file accepted from that source before is returned as a late echo.
     */
    public LateEcho echo(String source, String peerIp, int code, String text) {
        int c = code == 0 ? 3 : code;
        QueuedFile accept = null;
        LateEcho late = null;
        synchronized (lock) {
            EchoMatcher.Match m = echoes.match(source, peerIp, text);
            if (m instanceof EchoMatcher.Queued q) {
                QueuedFile f = q.file();
                f.echoCode = c;
                f.echoText = text.trim();
                switch (f.state) {
                    case SENDING, DELIVERING -> f.echoed = true;
                    case SENT -> {
                        f.echoed = true;
                        accept = f;
                    }
                    default -> LOG.debug("Echo for {} in state {} ignored: {}", f.name(), f.state, text);
                }
            } else if (m instanceof EchoMatcher.Late l) {
                EchoMatcher.Delivered d = l.delivered();
                stats.error(d.dbms, d.table, d.dest, text.trim());
                late = new LateEcho(l.hash(), d.name, d.dest, d.dbms, d.table, d.copy,
                    state.byHash(l.hash()) != null);
            } else {
                LOG.debug("Echo from {} names no file in delivery: {}", source, text);
            }
        }
        if (accept != null) {
            accept(accept);
        }
        return late;
    }

    // ---- routes changes, outages, timers -------------------------------------------------------------------

    /** Every file waiting for a route is routed again (ledger sync, metadata rebuild, distribution change). */
    public void routesChanged() {
        boolean kick = false;
        synchronized (lock) {
            for (QueuedFile f : state.waiting.toArray(new QueuedFile[0])) {
                state.waiting.remove(f);
                kick |= makeReady(f);
            }
        }
        kick(kick);
    }

    /** The database went down ({@code false}) or came back (§6.3): routing and transfers pause meanwhile. */
    public void databaseHealthy(boolean healthy) {
        List<QueuedFile> start = List.of();
        synchronized (lock) {
            paused = !healthy;
            if (healthy) {
                start = admitLocked();
            }
        }
        start(start);
        kick(healthy);
    }

    private boolean makeReady(QueuedFile f) {
        f.cancelTimer();
        state.waiting.remove(f);
        lanes.ready(f);
        return true;
    }

    private void backoffUntil(QueuedFile f, long at) {
        f.state = FileState.BACKOFF;
        f.nextAttempt = at;
        schedule(f, () -> {
            boolean k = false;
            synchronized (lock) {
                if (f.state == FileState.BACKOFF) {
                    k = makeReady(f);
                }
            }
            kick(k);
        }, at - now());
    }

    private void schedule(QueuedFile f, Runnable r, long delayMillis) {
        f.cancelTimer();
        try {
            f.timer = timer.schedule(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("Publisher queue timer failed", e);
                }
            }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped: the file stays in the watch dir and its row says where it was
        }
    }

    private void later(Runnable r, long delayMillis) {
        try {
            timer.schedule(r, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped
        }
    }

    /** Takes the file out of the queue (lock held). */
    private void leave(QueuedFile f) {
        lanes.left(f);
        state.remove(f);
    }

    // ---- reports and stop ------------------------------------------------------------------------------------

    /** {@code get publisher queue} (§10.4). */
    public List<QueueRow> snapshot() {
        synchronized (lock) {
            return QueueRow.of(lanes.all(), state.files(), now());
        }
    }

    /** Files in the queue now. */
    public int size() {
        synchronized (lock) {
            return state.size();
        }
    }

    /** Transfers running now. */
    public int inFlight() {
        synchronized (lock) {
            return lanes.inFlight();
        }
    }

    /** Files in their {@code ack_wait} window (for tests and benchmarks). */
    public int inAckWindow() {
        synchronized (lock) {
            return window.size();
        }
    }

    /**
     * Stops: no claim, admission or acceptance from now on; claims waiting for a slot are continued so that their
     * exchanges end (the route sees {@link #stopping()}). Queued files stay in the watch dir with their rows (§9).
     */
    public void stop() {
        List<QueuedFile> parked = new ArrayList<>();
        synchronized (lock) {
            stopping = true;
            for (QueuedFile f : lanes.claimed()) {
                if (f.admitted != null) {
                    parked.add(f);
                }
            }
            if (windowTimer != null) {
                windowTimer.cancel(false);
            }
        }
        start(parked);
    }

    static String timeText(long millis) {
        return TsdInfoDao.timeText(Instant.ofEpochMilli(millis));
    }

    /** {@code file_time} text of the file's registration. */
    public String fileTimeText(QueuedFile f) {
        synchronized (lock) {
            return timeText(f.fileTime);
        }
    }
}
