package io.edgepublisher.publisher;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.publisher.delivery.Echoes;
import io.edgepublisher.publisher.delivery.PeerTransport;
import io.edgepublisher.publisher.disposal.ArchiveRetention;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.watch.WatchDirComponent;
import io.edgepublisher.store.Database;
import io.edgepublisher.streamer.FlushListener;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.inbound.EchoListener;
import io.edgepublisher.wire.inbound.EchoListeners;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher as a node service: the {@code set data distribution} table (node lifetime) and the current
 * {@link PublisherRun}. Connects the run to the other capabilities through their interfaces: {@link PeerClient} and
 * {@link SourceAddress} (sending), {@link EchoListeners} (operator echoes), {@link Metadata} (routes and their
 * changes), {@link StreamerService} (flush notifications), {@link StreamerLink}. Each of them may be registered after
 * this service; they are looked up when used.
 */
public final class PublisherService {
    public static final String ROUTE_ID = "publisher";
    private static final Logger LOG = LoggerFactory.getLogger(PublisherService.class);

    private final Node node;
    private final DistributionTable distribution;
    private final EchoListener echoListener = this::onEcho;
    private final FlushListener flushListener = (path, hash, rows) -> nodeFile(path, rows);
    private boolean flushListenerAdded;
    private volatile PublisherRun run;
    private volatile PublisherRun last;
    private volatile QueueEvents events = QueueEvents.NONE;
    private Metadata watchedMetadata;
    private io.edgepublisher.ops.UserRouteChanges watchedRoutes;
    private EchoListeners echoService;

    public PublisherService(Node node, DistributionTable distribution) {
        this.node = node;
        this.distribution = distribution;
        distribution.onChange(this::routesChanged);
    }

    public DistributionTable distribution() {
        return distribution;
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

    public ProcessStatus status() {
        return run != null && Routes.isStarted(node, ROUTE_ID) ? ProcessStatus.running("")
            : ProcessStatus.notDeclared("");
    }

    /** Delivery metrics: files and bytes per destination, failed attempts and retries, delivery latency. */
    private QueueEvents metricsEvents() {
        NodeMetrics m = NodeMetrics.of(node);
        return new QueueEvents() {
            @Override
            public void accepted(String dest, long bytes, long nanos) {
                m.fileDelivered(dest, bytes, java.time.Duration.ofNanos(nanos));
            }

            @Override
            public void attemptFailed(String dest) {
                m.fileFailed(dest);
            }

            @Override
            public void retryScheduled() {
                m.retry();
            }
        };
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
        Cooldowns cooldowns = new Cooldowns(cfg.retryMin(), cfg.retryMax());
        PublisherRun r = new PublisherRun(cfg, almgm,
            PublisherRun.router(cfg, distribution, cooldowns, () -> node.service(Metadata.class),
                new io.edgepublisher.publisher.routing.UserDestination(node)), cooldowns,
            distribution, new PeerTransport(() -> node.service(PeerClient.class),
            () -> node.service(SourceAddress.class), cfg.compressTransit(), cfg.tmpDir()),
            QueueEvents.both(events, metricsEvents()));
        r.cleanLeftovers();
        run = r;
        connect();
        try {
            CamelContext ctx = Routes.requireContext(node);
            if (ctx.hasComponent(WatchDirComponent.SCHEME) == null) {
                ctx.addComponent(WatchDirComponent.SCHEME, new WatchDirComponent(sink -> {
                    PublisherRun current = run;
                    if (current == null) {
                        throw new IllegalStateException("the publisher is not running");
                    }
                    return current.newLoop(sink);
                }));
            }
            Routes.addAndStart(node, new RouteBuilder() {
                @Override
                public void configure() {
                    from(WatchDirComponent.SCHEME + ":" + cfg.watchDir()).routeId(ROUTE_ID)
                        .process(e -> {
                            PublisherRun current = run;
                            if (current != null) {
                                current.take(e.getIn().getBody(List.class));
                            }
                        });
                }
            }, ROUTE_ID);
        } catch (RuntimeException e) {
            run = null;
            r.stop(Duration.ofSeconds(1));
            throw e;
        }
        LOG.info("Publisher started on {} ({} transfer threads, ack_wait {} ms)", cfg.watchDir(), cfg.threads(),
            cfg.ackWait().toMillis());
        if (cfg.archiveDays() > 0) {
            Thread t = new Thread(this::retention, "publisher-retention");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Hooks the run into echoes, metadata changes and streamer flushes (each registered once per node). */
    private void connect() {
        EchoListeners echoes = node.service(EchoListeners.class);
        if (echoes != null && echoes != echoService) {
            echoes.add(echoListener);
            echoService = echoes;
        }
        Metadata m = node.service(Metadata.class);
        if (m != null && m != watchedMetadata) {
            m.onChange(this::routesChanged);
            watchedMetadata = m;
        }
        // a user route on direct:publisher-destination may route what waits for a route
        io.edgepublisher.ops.UserRouteChanges routes = node.service(io.edgepublisher.ops.UserRouteChanges.class);
        if (routes != null && routes != watchedRoutes) {
            routes.onChange(this::routesChanged);
            watchedRoutes = routes;
        }
        StreamerService streamer = node.service(StreamerService.class);
        if (streamer != null && !flushListenerAdded) {
            streamer.addFlushListener(flushListener);
            flushListenerAdded = true;
        }
    }

    /** {@code exit publisher} / shutdown: discovery stops, in-flight transfers get up to 10 s, queued files stay. */
    public synchronized boolean stop() {
        PublisherRun r = run;
        if (r == null) {
            return false;
        }
        try {
            Routes.remove(node, ROUTE_ID);
        } catch (RuntimeException e) {
            LOG.warn("Publisher route did not stop cleanly: {}", e.getMessage());
        }
        r.stop(Duration.ofSeconds(10));
        last = r;
        run = null;
        LOG.info("Publisher stopped; queued files stay in {}", r.config().watchDir());
        return true;
    }

    private void onEcho(io.edgepublisher.wire.InboundMessage echo) {
        PublisherRun r = run;
        if (r != null) {
            Echoes.forward(echo, r.queue());
        }
    }

    private void routesChanged() {
        PublisherRun r = run;
        if (r != null) {
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
        } catch (java.io.IOException e) {
            LOG.warn("Archive retention failed: {}", e.toString());
        }
    }
}
