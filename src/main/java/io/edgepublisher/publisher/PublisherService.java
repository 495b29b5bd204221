package io.edgepublisher.publisher;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.publisher.disposal.ArchiveRetention;
import io.edgepublisher.publisher.disposal.FileMoves;
import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.route.PublisherRoutes;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.Router;
import io.edgepublisher.publisher.routing.auto.AutoAssignments;
import io.edgepublisher.publisher.routing.auto.NewTableCluster;
import io.edgepublisher.store.Database;
import io.edgepublisher.streamer.FlushListener;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher as a node service: the {@code set data distribution} table (node lifetime) and the current
 * {@link PublisherRun}. {@link #start} makes a run and starts the routes of the {@code publisher} group (declared at
 * boot, {@link PublisherRoutes}); {@link #stop} stops them and ends the run. Operator echoes, routes changes and
 * streamer flushes are forwarded to the current run.
 */
public final class PublisherService {
    /** The route whose state {@code get processes} shows in the Publisher row. */
    public static final String ROUTE_ID = PublisherRoutes.DELIVER;
    private static final Logger LOG = LoggerFactory.getLogger(PublisherService.class);

    private final DistributionTable distribution;
    private final Supplier<CamelContext> camel;
    private final Supplier<Metadata> metadata;
    private final BooleanSupplier booting;
    private final AutoAssignments auto;
    private final Supplier<String> nodeCompany;
    private final FlushListener flushListener = (path, hash, rows) -> nodeFile(path, rows);
    private volatile PublisherRun run;
    private volatile PublisherRun last;
    private volatile QueueEvents events = QueueEvents.NONE;
    private volatile QueueEvents metrics = QueueEvents.NONE;

    /**
     * @param booting true while the node boots and user routes are not loaded (routing decisions wait)
     */
    public PublisherService(DistributionTable distribution, Supplier<CamelContext> camel, Supplier<Metadata> metadata,
                            BooleanSupplier booting) {
        this(distribution, camel, metadata, booting, new AutoAssignments(null), () -> null);
    }

    /**
     * @param auto        the automatic cluster assignments of new tables (node lifetime; used by runs with
     *                    {@code new_table_cluster = auto})
     * @param nodeCompany this node's company ({@code !company_name}) at the start of a run
     */
    public PublisherService(DistributionTable distribution, Supplier<CamelContext> camel, Supplier<Metadata> metadata,
                            BooleanSupplier booting, AutoAssignments auto, Supplier<String> nodeCompany) {
        this.auto = auto;
        this.nodeCompany = nodeCompany;
        this.distribution = distribution;
        this.camel = camel;
        this.metadata = metadata;
        this.booting = booting;
        distribution.onChange(this::routesChanged);
    }

    public DistributionTable distribution() {
        return distribution;
    }

    /** The automatic cluster assignments of new tables ({@code new_table_cluster = auto}, issue 16). */
    public AutoAssignments autoAssignments() {
        return auto;
    }

    /** The current run, or null when the publisher is not running. */
    public PublisherRun run() {
        return run;
    }

    /** The current run, else the previous one (statistics after {@code exit publisher}), else null. */
    public PublisherRun lastRun() {
        PublisherRun r = run;
        return r != null ? r : last;
    }

    public boolean running() {
        return run != null;
    }

    /** For benchmarks and tests: milestones of every file of later runs. */
    public void events(QueueEvents e) {
        this.events = e == null ? QueueEvents.NONE : e;
    }

    /** The node's delivery metrics (set once by the module). */
    public void metrics(QueueEvents m) {
        this.metrics = m == null ? QueueEvents.NONE : m;
    }

    /** The {@code master_node} option of the current run (a master whose ledger files are accepted), or null. */
    public String masterNode() {
        PublisherRun r = run;
        return r == null ? null : r.config().masterNode();
    }

    /** The streamer's hook: a file it put into the watch dir. Never blocks. */
    public FlushListener flushListener() {
        return flushListener;
    }

    public void nodeFile(Path file, int rows) {
        PublisherRun r = run;
        if (r != null) {
            r.nodeFile(file, rows);
        }
    }

    /** The Publisher row: Running while the run is active and every route of the group is started. */
    public ProcessStatus status() {
        CamelContext ctx = camel.get();
        if (run == null || ctx == null) {
            return ProcessStatus.notDeclared("");
        }
        for (String id : PublisherRoutes.IDS) {
            ServiceStatus s = ctx.getRouteController().getRouteStatus(id);
            if (s == null || !s.isStarted()) {
                return ProcessStatus.notDeclared("Route " + id + " is " + (s == null ? "missing" : s.name()));
            }
        }
        return ProcessStatus.running("");
    }

    /** Files the current run holds (queued, waiting, in flight); 0 when the publisher does not run. */
    public int queueDepth() {
        PublisherRun r = run;
        return r == null ? 0 : r.queue().size();
    }

    /** Starts a run with checked options and an open {@code almgm} (the command checked the preconditions). */
    public synchronized void start(PublisherConfig cfg, Database almgm) {
        if (run != null) {
            throw new CommandException(ErrorCode.PROCESS_ACTIVE, "Publisher process already active");
        }
        CamelContext ctx = camel.get();
        if (ctx == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The Camel context is not running");
        }
        Cooldowns cooldowns = new Cooldowns(cfg.retryMin(), cfg.retryMax());
        Router router = new Router(distribution, metadata, cfg.company(), cooldowns, booting,
            cfg.newTableCluster() == NewTableCluster.AUTO ? auto : null, nodeCompany.get());
        PublisherPools pools = new PublisherPools(ctx.getExecutorServiceManager(), this, cfg.threads());
        PublisherRun r = new PublisherRun(cfg, almgm, router, cooldowns, distribution,
            QueueEvents.both(events, metrics), pools);
        r.cleanLeftovers();
        run = r;
        try {
            for (String id : PublisherRoutes.IDS) {
                ctx.getRouteController().startRoute(id);
            }
        } catch (Exception e) {
            stopRoutes(ctx);
            run = null;
            r.stop(Duration.ofSeconds(1));
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The publisher routes did not start: "
                + e.getMessage(), e);
        }
        LOG.info("Publisher started on {} ({} transfer threads, ack_wait {} ms)", cfg.watchDir(), cfg.threads(),
            cfg.ackWait().toMillis());
        if (cfg.archiveDays() > 0) {
            pools.worker.execute(this::retention);
        }
    }

    /** {@code exit publisher} / shutdown: discovery stops, in-flight transfers get up to 10 s, queued files stay. */
    public synchronized boolean stop() {
        PublisherRun r = run;
        if (r == null) {
            return false;
        }
        r.queue().stop();
        CamelContext ctx = camel.get();
        if (ctx != null) {
            stopRoutes(ctx);
        }
        r.stop(Duration.ofSeconds(10));
        last = r;
        run = null;
        LOG.info("Publisher stopped; queued files stay in {}", r.config().watchDir());
        return true;
    }

    private static void stopRoutes(CamelContext ctx) {
        for (String id : reversed(PublisherRoutes.IDS)) {
            try {
                ServiceStatus s = ctx.getRouteController().getRouteStatus(id);
                if (s != null && !s.isStopped()) {
                    ctx.getRouteController().stopRoute(id, 10, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                LOG.warn("Publisher route {} did not stop cleanly: {}", id, e.getMessage());
            }
        }
    }

    private static java.util.List<String> reversed(java.util.List<String> ids) {
        java.util.List<String> out = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(out);
        return out;
    }

    /** An unclaimed {@code echo} from the TCP server (§5.4). */
    public void echo(InboundMessage echo) {
        PublisherRun r = run;
        if (r == null) {
            return;
        }
        PeerAddress from = echo.replyAddress();
        String peerIp = echo.socketPeer() != null && echo.socketPeer().getAddress() != null
            ? echo.socketPeer().getAddress().getHostAddress() : null;
        DeliveryQueue.LateEcho late = r.queue().echo(from == null ? "" : from.toString(), peerIp, echo.errorCode(),
            echo.text());
        if (late != null) {
            restore(r, late, echo.errorCode() == 0 ? 3 : echo.errorCode(), echo.text().trim());
        }
    }

    /** §5.4: an echo for a file accepted earlier: put it back from its kept copy if there is one. */
    private static void restore(PublisherRun r, DeliveryQueue.LateEcho d, int code, String text) {
        Path copy = d.copy();
        if (copy == null || d.queuedAgain()) {
            LOG.error("File {} reported failed by {} after acceptance ({}: {}); no copy to send again", d.name(),
                d.dest(), code, text);
            return;
        }
        Path target = r.config().watchDir().resolve(d.name());
        // The row must say 'failed' before the copy appears, or the watcher would find it "already delivered".
        r.tsd().update(d.hash(), null, "failed " + code + ": " + text, null).whenCompleteAsync((v, e) -> {
            if (e != null) {
                LOG.error("File {} reported failed by {} after acceptance; its row could not be updated: {}",
                    d.name(), d.dest(), e.toString());
                return;
            }
            try {
                boolean gunzip = copy.getFileName().toString().endsWith(".gz") && !d.name().endsWith(".gz");
                if (gunzip) {
                    FileMoves.gunzipCopy(copy, target);
                } else {
                    FileMoves.copy(copy, target);
                }
                LOG.warn("File {} reported failed by {} after acceptance ({}): restored from {} and queued again",
                    d.name(), d.dest(), code, copy);
                r.nodeFile(target, -1);
            } catch (IOException | RuntimeException ex) {
                LOG.error("File {} reported failed by {} after acceptance; restoring it from {} failed: {}",
                    d.name(), d.dest(), copy, ex.toString());
            }
        }, r.pools().worker);
    }

    /** Files waiting for a route are routed again (ledger sync, metadata rebuild, distribution change). */
    public void routesChanged() {
        PublisherRun r = run;
        if (r != null) {
            r.router().refreshAutomatic();
            r.queue().routesChanged();
        }
    }

    /** §7.3: the daily retention of the archive (system scheduler), also run once at start. */
    public void retention() {
        PublisherRun r = run;
        if (r == null || r.config().archiveDays() <= 0) {
            return;
        }
        try {
            ArchiveRetention.deleteOlderThan(r.config().archiveDir(), r.config().archiveDays(),
                LocalDate.now(ZoneOffset.UTC));
        } catch (IOException e) {
            LOG.warn("Archive retention failed: {}", e.toString());
        }
    }
}
