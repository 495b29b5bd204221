package io.edgepublisher.publisher.testing;

import io.edgepublisher.node.Beans;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.PublisherService;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.store.Database;
import io.edgepublisher.store.Databases;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdInfoDao;
import io.edgepublisher.store.TsdInfoSchema;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.testing.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The real node with its publisher for tests and benchmarks: the node boots in-process ({@link TestNode}) with its
 * TCP server (operators' echoes come back to it) and {@code almgm} on SQLite or on a fresh PostgreSQL database
 * ({@link FreshDatabase}, dropped at {@link #close}). {@link #start} starts the node's publisher service, routes and
 * beans with a tuned {@link PublisherConfig} (sub-second retries and {@code ack_wait}, which {@code run publisher}
 * does not accept; the command itself is tested in {@code PublisherNodeTest}). Routing uses the node's
 * {@code set data distribution} table and its ledger ({@link LedgerMetadata}).
 */
public final class Harness implements AutoCloseable {
    public final TestNode node;
    public final Path root;
    public final Path watch;
    public final Path bkup;
    public final Path err;
    public final Path archive;
    public final Path prep;
    public final Path tmp;
    public final Database db;
    public final DistributionTable distribution;
    public final LedgerMetadata metadata;
    public final PublisherService service;
    public final PublisherConfig config;
    public PublisherRun run;
    private final FreshDatabase fresh;

    public Harness(Path root, Dialect dialect, UnaryOperator<PublisherConfig> tune, QueueEvents events)
        throws Exception {
        this.root = root;
        Files.createDirectories(root);
        this.node = TestNode.start(root, Map.of(), "run tcp server where internal_ip = 127.0.0.1 and internal_port"
            + " = !anylog_server_port\n");
        FreshDatabase f = null;
        try {
            var d = node.node().dictionary();
            this.watch = Path.of(d.get("watch_dir"));
            this.bkup = Path.of(d.get("bkup_dir"));
            this.err = Path.of(d.get("err_dir"));
            this.archive = Path.of(d.get("archive_dir"));
            this.prep = Path.of(d.get("prep_dir"));
            this.tmp = Path.of(d.get("tmp_dir"));
            f = new FreshDatabase(dialect, Files.createDirectories(root.resolve("db")));
            this.db = f.db;
            TsdInfoSchema.create(db);
            Beans.get(node.node(), Databases.class).put("almgm", db);
            this.service = Beans.get(node.node(), PublisherService.class);
            service.events(events);
            this.distribution = service.distribution();
            this.metadata = new LedgerMetadata(node);
            this.config = tune.apply(PublisherConfig.defaults(watch, bkup, err, archive, prep, tmp)
                .withRetry(Duration.ofMillis(100), Duration.ofMillis(400), 0).withAckWait(Duration.ofMillis(300)));
        } catch (Exception e) {
            node.close();
            if (f != null) {
                f.close();
            }
            throw e;
        }
        this.fresh = f;
    }

    /** Routes by the ledger too: the node's metadata always takes part; kept for readability of the tests. */
    public Harness withMetadata() {
        return this;
    }

    /** Starts the node's publisher (service, routes, beans) with {@link #config}. */
    public PublisherRun start() {
        service.start(config, db);
        run = service.run();
        return run;
    }

    /** {@code exit publisher}. */
    public void stopRun() {
        if (run != null) {
            service.stop();
            run = null;
        }
    }

    /** Writes a file into prep, then renames it into the watch dir (as writers must) and announces it. */
    public Path drop(String name, String content) throws IOException {
        Path p = prep.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Path w = watch.resolve(name);
        Files.move(p, w, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        service.nodeFile(w, -1);
        return w;
    }

    public List<TsdRow> rows() throws SQLException {
        return db.run(new TsdInfoDao(db.dialect())::all);
    }

    /** The rows, or none while the database cannot be read. */
    public List<TsdRow> rowsQuietly() {
        try {
            return rows();
        } catch (SQLException e) {
            return List.of();
        }
    }

    public TsdRow row(String hash) throws SQLException {
        return rows().stream().filter(r -> r.hash().equals(hash)).findFirst().orElse(null);
    }

    /** The {@code status2} of a file's row: "" while it has no row or no status yet. */
    public String status2(String hash) throws SQLException {
        TsdRow r = row(hash);
        return r == null || r.status2() == null ? "" : r.status2();
    }

    public static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.size(p));
            }
        }
        return out;
    }

    /** What a test waits for; it may throw while the state is in motion (a row being written, a file being moved). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Checks {@code cond} every 20 ms until it holds or {@code timeout} has passed. An exception before the deadline
     * means "not yet"; the check at the deadline lets its exception through, so a test fails with the cause.
     */
    public static boolean await(Condition cond, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (cond.holds()) {
                    return true;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(20);
        }
        return cond.holds();
    }

    @Override
    public void close() throws Exception {
        try {
            stopRun();
            node.close();
        } finally {
            fresh.close();
        }
    }
}
