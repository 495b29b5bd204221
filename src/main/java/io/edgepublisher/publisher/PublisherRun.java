package io.edgepublisher.publisher;

import io.edgepublisher.publisher.delivery.PeerTransport;
import io.edgepublisher.publisher.delivery.Transport;
import io.edgepublisher.publisher.disposal.Disposer;
import io.edgepublisher.publisher.disposal.ErrorDir;
import io.edgepublisher.publisher.naming.FileIntake;
import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.publisher.queue.QueueDeps;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.Router;
import io.edgepublisher.publisher.stats.PublisherStats;
import io.edgepublisher.publisher.watch.Candidate;
import io.edgepublisher.publisher.watch.WatchLoop;
import io.edgepublisher.store.Database;
import io.edgepublisher.store.TsdInfoWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code run publisher}: the {@code tsd_info} writer, the delivery queue, the intake and the statistics. The
 * Camel route {@code publisher} feeds it through {@link #newLoop}; {@link #startStandalone} runs the same loop on a
 * plain thread for tests and benchmarks that do without Camel.
 */
public final class PublisherRun {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherRun.class);
    /** Error-dir epochs of every run in this JVM (one node per JVM in production). */
    private static final java.util.concurrent.atomic.AtomicLong ERROR_EPOCHS = new java.util.concurrent.atomic.AtomicLong();

    private final PublisherConfig config;
    private final TsdInfoWriter tsd;
    private final DeliveryQueue queue;
    private final FileIntake intake;
    private final PublisherStats stats;
    private volatile WatchLoop loop;
    private volatile Thread standalone;

    public PublisherRun(PublisherConfig config, Database almgm, Router router, Cooldowns cooldowns,
                        DistributionTable distribution, Transport transport, QueueEvents events) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        this.stats = new PublisherStats(clock.millis());
        ErrorDir errorDir = new ErrorDir(config.errDir(), clock, ERROR_EPOCHS);
        this.intake = new FileIntake(config.dbmsIndex(), config.tableIndex(), errorDir);
        DeliveryQueue[] q = new DeliveryQueue[1];
        this.tsd = new TsdInfoWriter(almgm, config.dbRetry(), healthy -> {
            if (q[0] != null) {
                q[0].databaseHealthy(healthy);
            }
        });
        this.queue = new DeliveryQueue(new QueueDeps(config, tsd, router, cooldowns, distribution, transport,
            new Disposer(config), errorDir, stats, clock::millis, p -> nodeFile(p, -1), events));
        q[0] = queue;
    }

    /** The router and cooldowns of a run, built from its config. */
    public static Router router(PublisherConfig cfg, DistributionTable distribution, Cooldowns cooldowns,
                                java.util.function.Supplier<io.edgepublisher.ledger.Metadata> metadata) {
        return new Router(distribution, metadata, cfg.company(), cooldowns);
    }

    public static Router router(PublisherConfig cfg, DistributionTable distribution, Cooldowns cooldowns,
                                java.util.function.Supplier<io.edgepublisher.ledger.Metadata> metadata,
                                io.edgepublisher.publisher.routing.UserDestination user) {
        return new Router(distribution, metadata, cfg.company(), cooldowns, user);
    }

    public PublisherConfig config() {
        return config;
    }

    public DeliveryQueue queue() {
        return queue;
    }

    public TsdInfoWriter tsd() {
        return tsd;
    }

    public PublisherStats stats() {
        return stats;
    }

    /** §9 step 1: {@code *.transfer} files older than an hour, and temporary transit copies. */
    public void cleanLeftovers() {
        long limit = System.currentTimeMillis() - 3_600_000;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(config.watchDir(), "*.transfer")) {
            for (Path p : s) {
                if (Files.getLastModifiedTime(p).toMillis() < limit) {
                    Files.deleteIfExists(p);
                    LOG.info("Deleted stale transfer file {}", p.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warn("Leftover transfer files not cleaned: {}", e.toString());
        }
        PeerTransport.cleanTmp(config.tmpDir());
    }

    /** Makes the discovery loop (called when the route's consumer starts). */
    public WatchLoop newLoop(Consumer<List<Candidate>> sink) {
        WatchLoop l = new WatchLoop(config.watchDir(), queue.knownNames(), config.rescanInterval(),
            config.foreignStable(), sink);
        l.onListing(queue::listing);
        loop = l;
        return l;
    }

    /** The route's work for one batch: §3.2 on each file, then into the queue. */
    public void take(List<Candidate> batch) {
        for (Candidate c : batch) {
            queue.offer(intake.prepare(c.path(), c.nodeCreated(), c.rowsHint()));
        }
    }

    /** A file this node wrote into the watch dir (streamer flush listener, requeue). Any thread; never blocks. */
    public void nodeFile(Path file, int rows) {
        WatchLoop l = loop;
        if (l != null) {
            l.nodeFile(file, rows);
        }
    }

    /** Runs discovery on a plain thread instead of the Camel route. */
    public void startStandalone() {
        WatchLoop l = newLoop(this::take);
        Thread t = new Thread(l, "publisher-watch");
        t.setDaemon(true);
        standalone = t;
        t.start();
    }

    /** Function the route's component uses to make this run's loop. */
    public Function<Consumer<List<Candidate>>, WatchLoop> loops() {
        return this::newLoop;
    }

    /** Stops discovery (standalone only), the queue (in-flight transfers get up to {@code wait}), then the writer. */
    public void stop(Duration wait) {
        if (standalone != null && loop != null) {
            loop.stop();
        }
        queue.stop(wait);
        tsd.close(Duration.ofSeconds(5));
    }
}
