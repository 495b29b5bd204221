package io.edgepublisher.publisher.testing;

import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.delivery.Echoes;
import io.edgepublisher.publisher.delivery.PeerTransport;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.store.Database;
import io.edgepublisher.store.DbmsSettings;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdInfoSchema;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.inbound.EchoListeners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A publisher run without Camel for tests and benchmarks: node folders under a temporary directory, {@code almgm} on
 * SQLite (a file) or on the local PostgreSQL (a fresh database per harness), a real {@link PeerClient}, an
 * {@link EchoReceiver} as our TCP server, and a {@link DistributionTable} / {@link LedgerMetadata} for routing.
 */
public final class Harness implements AutoCloseable {
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
    public final EchoListeners echoes = new EchoListeners();
    public final EchoReceiver receiver;
    public final PeerClient client;
    public final PublisherConfig config;
    public PublisherRun run;
    private final QueueEvents events;
    private boolean useMetadata;

    public Harness(Path root, Dialect dialect, UnaryOperator<PublisherConfig> tune, QueueEvents events)
        throws IOException, SQLException {
        this.root = root;
        this.watch = Files.createDirectories(root.resolve("watch"));
        this.bkup = Files.createDirectories(root.resolve("bkup"));
        this.err = Files.createDirectories(root.resolve("error"));
        this.archive = Files.createDirectories(root.resolve("archive"));
        this.prep = Files.createDirectories(root.resolve("prep"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        this.db = open(dialect, root);
        TsdInfoSchema.create(db);
        this.distribution = new DistributionTable(root.resolve("state/distribution.json"));
        this.metadata = new LedgerMetadata(root.resolve("blockchain/blockchain.json"));
        this.receiver = new EchoReceiver(echoes);
        this.client = new PeerClient(PeerClientConfig.defaults().withConnectTimeout(Duration.ofSeconds(2))
            .withCloseWait(Duration.ofSeconds(5)));
        this.config = tune.apply(PublisherConfig.defaults(watch, bkup, err, archive, prep, tmp)
            .withRetry(Duration.ofMillis(100), Duration.ofMillis(400), 0).withAckWait(Duration.ofMillis(300)));
        this.events = events;
        echoes.add(e -> {
            PublisherRun r = run;
            if (r != null) {
                Echoes.forward(e, r.queue());
            }
        });
        distribution.onChange(this::changed);
        metadata.service().onChange(this::changed);
    }

    private void changed() {
        PublisherRun r = run;
        if (r != null) {
            r.queue().routesChanged();
        }
    }

    /** Routes by the ledger too (otherwise only distribution entries route). */
    public Harness withMetadata() {
        this.useMetadata = true;
        return this;
    }

    public static Database open(Dialect dialect, Path root) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            return Database.open(new DbmsSettings("almgm", Dialect.SQLITE, null, 0, null, null, false, root));
        }
        String name = "ep_pub_" + Long.toHexString(System.nanoTime());
        Database admin = Database.open(new DbmsSettings("postgres", Dialect.PSQL, "127.0.0.1", 5432, "postgres",
            null, false, null));
        admin.run(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return null;
        });
        admin.close();
        return Database.open(new DbmsSettings(name, Dialect.PSQL, "127.0.0.1", 5432, "postgres", null, false, null));
    }

    public PublisherRun start() {
        Cooldowns cooldowns = new Cooldowns(config.retryMin(), config.retryMax());
        Metadata m = useMetadata ? metadata.service() : null;
        run = new PublisherRun(config, db, PublisherRun.router(config, distribution, cooldowns, () -> m), cooldowns,
            distribution, new PeerTransport(() -> client, receiver::sourceAddress, config.compressTransit(), tmp),
            events);
        run.cleanLeftovers();
        run.startStandalone();
        return run;
    }

    public void stopRun() {
        if (run != null) {
            run.stop(Duration.ofSeconds(10));
            run = null;
        }
    }

    /** Writes a file into prep, then renames it into the watch dir (as writers must) and announces it. */
    public Path drop(String name, String content) throws IOException {
        Path p = prep.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Path w = watch.resolve(name);
        Files.move(p, w, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        run.nodeFile(w, -1);
        return w;
    }

    public List<TsdRow> rows() throws SQLException {
        return run != null ? run.tsd().rows() : db.run(new io.edgepublisher.store.TsdInfoDao(db.dialect())::all);
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
        stopRun();
        receiver.close();
        client.close();
        db.close();
    }
}
