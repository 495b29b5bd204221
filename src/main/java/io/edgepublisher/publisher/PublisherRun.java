package io.edgepublisher.publisher;

import io.edgepublisher.publisher.disposal.Disposer;
import io.edgepublisher.publisher.disposal.ErrorDir;
import io.edgepublisher.publisher.naming.FileIntake;
import io.edgepublisher.publisher.queue.DeliveryQueue;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code run publisher}: its options, counters, threads, {@code tsd_info} writer and delivery state. The routes
 * of the {@code publisher} group (declared at boot, started by {@code run publisher}) work on the current run.
 */
public final class PublisherRun {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherRun.class);
    /** Prefix of the temporary transit copies of earlier versions in {@code !tmp_dir}, removed at start (§9). */
    public static final String TMP_PREFIX = "publisher-transit-";
    /** Error-dir epochs of every run in this JVM (one node per JVM in production). */
    private static final AtomicLong ERROR_EPOCHS = new AtomicLong();

    private final PublisherConfig config;
    private final PublisherStats stats;
    private final ErrorDir errorDir;
    private final FileIntake intake;
    private final Disposer disposer;
    private final Router router;
    private final TsdInfoWriter tsd;
    private final DeliveryQueue queue;
    private final PublisherPools pools;
    private volatile WatchLoop loop;

    public PublisherRun(PublisherConfig config, Database almgm, Router router, Cooldowns cooldowns,
                        DistributionTable distribution, QueueEvents events, PublisherPools pools) {
        this.config = config;
        this.pools = pools;
        this.router = router;
        Clock clock = Clock.systemUTC();
        this.stats = new PublisherStats(clock.millis());
        this.errorDir = new ErrorDir(config.errDir(), clock, ERROR_EPOCHS);
        this.intake = new FileIntake(config.dbmsIndex(), config.tableIndex(), errorDir);
        this.disposer = new Disposer(config);
        this.queue = new DeliveryQueue(config, cooldowns, distribution, stats, events, clock::millis, pools.timer,
            pools.worker);
        // statements' completions continue their exchanges on the worker, one hand-off per transaction
        this.tsd = new TsdInfoWriter(almgm, config.dbRetry(), queue::databaseHealthy, pools.tsdinfo, pools.worker);
    }

    public PublisherConfig config() {
        return config;
    }

    public PublisherStats stats() {
        return stats;
    }

    public ErrorDir errorDir() {
        return errorDir;
    }

    public FileIntake intake() {
        return intake;
    }

    public Disposer disposer() {
        return disposer;
    }

    public Router router() {
        return router;
    }

    public TsdInfoWriter tsd() {
        return tsd;
    }

    public DeliveryQueue queue() {
        return queue;
    }

    public PublisherPools pools() {
        return pools;
    }

    /** §9 step 1: {@code *.transfer} files older than an hour, and temporary transit copies of earlier versions. */
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
        try (DirectoryStream<Path> s = Files.newDirectoryStream(config.tmpDir(), TMP_PREFIX + "*")) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** The discovery loop of the watch route's consumer (made when it starts). */
    public WatchLoop newLoop(Consumer<List<Candidate>> sink) {
        WatchLoop l = new WatchLoop(config.watchDir(), queue.knownNames(), config.rescanInterval(),
            config.foreignStable(), sink, pools.watch);
        l.onListing(names -> {
            for (var f : queue.listing(names)) {
                tsd.update(f.hash(), null, "vanished", null);
            }
        });
        loop = l;
        return l;
    }

    /** A file this node wrote into the watch dir (streamer flush listener, requeue). Any thread; never blocks. */
    public void nodeFile(Path file, int rows) {
        WatchLoop l = loop;
        if (l != null) {
            l.nodeFile(file, rows);
        }
    }

    /** Stops the queue, the threads (transfers get up to {@code wait}) and the writer. */
    public void stop(Duration wait) {
        queue.stop();
        pools.stopTransfers(wait.toMillis());
        tsd.close(Duration.ofSeconds(5));
        pools.shutdown();
    }
}
