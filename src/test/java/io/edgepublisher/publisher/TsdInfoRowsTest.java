package io.edgepublisher.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.testing.FreshDatabase;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.store.Database;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdInfoWriter;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.wire.testing.OperatorSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PUBLISHER.md §6.2 rows on SQLite and on the local PostgreSQL (which must be up: these tests fail, not skip,
 * without it), the group-commit writer's ordering, and the database outage of §6.3.
 */
class TsdInfoRowsTest {
    static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

    @TempDir
    Path tmp;

    static String content(int i) {
        return "{\"i\": " + i + "}\n{\"j\": " + i + "}\n";
    }

    static String hash(String t, int i) {
        return DataHash.md5("mydb", t, content(i).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rowsOfDeliveredWaitingAndRejectedFiles(Dialect dialect) throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, dialect, c -> c, QueueEvents.NONE)) {
            h.distribution.set("mydb", "sensor", List.of(sink.address().toString()));
            h.start();
            h.drop("mydb.sensor.dev7.json", content(1));
            h.drop("mydb.noroute.json", content(2));
            String gzName = "mydb.sensor.0." + hash("sensor", 3) + ".0.json.gz";
            h.drop(gzName, "not gzip");
            assertTrue(Harness.await(() -> h.rows().size() == 3 && h.status2(hash("sensor", 1)).equals("delivered")
                && h.status2(hash("noroute", 2)).startsWith("no route")
                && h.status2(hash("sensor", 3)).startsWith("error"), Duration.ofSeconds(15)));
            TsdRow d = h.row(hash("sensor", 1));
            assertEquals(List.of("mydb", "sensor", "dev7", "0", 2, sink.address().toString(), "delivered"),
                List.of(d.dbms(), d.table(), d.source(), d.instructions(), d.rows(), d.status1(), d.status2()));
            assertTrue(d.fileTime().matches(TIME), d.fileTime());
            TsdRow w = h.row(hash("noroute", 2));
            assertEquals(List.of("pending", "no route: Missing Operators for a Table"),
                List.of(w.status1(), w.status2()));
            TsdRow e = h.row(hash("sensor", 3));
            assertEquals("error 100: Decompression failed", e.status2());
            assertTrue(d.fileId() > 0 && w.fileId() > 0 && e.fileId() > 0);
        }
    }

    /**
     * The statements of one transaction complete together, in submission order, in one task of the completer (the
     * publisher's worker): one thread hand-off per transaction, not per statement, and none on the writer's thread.
     */
    @Test
    void oneCompletionTaskPerTransactionOnTheCompleter() throws Exception {
        FreshDatabase fresh = new FreshDatabase(Dialect.SQLITE, Files.createDirectories(tmp.resolve("db")));
        io.edgepublisher.store.TsdInfoSchema.create(fresh.db);
        java.util.concurrent.CompletableFuture<Runnable> loop = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.LinkedBlockingQueue<Runnable> tasks = new java.util.concurrent.LinkedBlockingQueue<>();
        // the writer's loop starts only once every statement is queued, so they make one transaction
        TsdInfoWriter w = new TsdInfoWriter(fresh.db, Duration.ofSeconds(1), h -> { }, loop::complete, tasks::add);
        Thread writer = new Thread(loop.get(), "test-tsd-writer");
        try {
            List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<CompletableFuture<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String hash = "h" + i;
                all.add(w.register(new TsdRow(0, "mydb", "t", "0", hash, "0", "2026-11-28 10:51:02.118204", 1,
                    "pending", "queued")).whenComplete((r, e) -> order.add("register " + hash)));
                all.add(w.update(hash, "10.0.0.7:32148", "sending", null)
                    .whenComplete((r, e) -> order.add("sending " + hash)));
            }
            writer.start();
            Runnable completion = tasks.poll(10, TimeUnit.SECONDS);
            assertTrue(completion != null, "the committed transaction hands its completions to the completer");
            assertTrue(all.stream().noneMatch(CompletableFuture::isDone), "nothing completes on the writer's thread");
            completion.run();
            assertTrue(all.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
            assertEquals(null, tasks.poll(), "one task for the whole transaction");
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("register h" + i);
            }
            for (int i = 0; i < 20; i++) {
                expected.add("sending h" + i);
            }
            assertEquals(expected, order, "registrations, then updates, each in submission order");
            assertEquals(1, w.commits());
        } finally {
            w.close();
            writer.join(5000);
            fresh.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void writerKeepsEachFilesOrderAndAnswersRegistrationsWithTheExistingRow(Dialect dialect) throws Exception {
        FreshDatabase fresh = new FreshDatabase(dialect, Files.createDirectories(tmp.resolve("db")));
        Database db = fresh.db;
        io.edgepublisher.store.TsdInfoSchema.create(db);
        TsdInfoWriter w = new TsdInfoWriter(db, Duration.ofSeconds(1), h -> { });
        try {
            TsdRow row = new TsdRow(0, "mydb", "t", "0", "h1", "0", "2026-11-28 10:51:02.118204", 3, "pending",
                "queued");
            CompletableFuture<TsdRow> first = w.register(row);
            w.update("h1", "10.0.0.7:32148", "sending", null);
            w.update("h1", null, "sent", null);
            CompletableFuture<TsdRow> again = w.register(row);
            CompletableFuture<Void> last = w.update("h1", "10.0.0.7:32148", "delivered", null);
            last.get(10, TimeUnit.SECONDS);
            assertNull(first.get(), "inserted");
            assertEquals("sent", again.get().status2(), "the second registration sees the earlier updates");
            TsdRow r = w.rows().get(0);
            assertEquals(List.of("10.0.0.7:32148", "delivered", "2026-11-28 10:51:02.118204", 3),
                List.of(r.status1(), r.status2(), r.fileTime(), r.rows()));
            w.update("h1", "pending", "requeued", "2026-11-29 00:00:00.000001").get(10, TimeUnit.SECONDS);
            r = w.rows().get(0);
            assertEquals(List.of("pending", "requeued", "2026-11-29 00:00:00.000001"),
                List.of(r.status1(), r.status2(), r.fileTime()));
            assertEquals(1, w.rows().size());
        } finally {
            w.close();
            fresh.close();
        }
    }

    /** §6.3 on the real PostgreSQL: connections to almgm are refused for a while, then allowed again. */
    @Test
    void aDatabaseOutagePausesDeliveryAndNothingIsLost() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp, Dialect.PSQL, c -> c.withDbRetry(Duration.ofMillis(500)),
                 QueueEvents.NONE)) {
            h.distribution.set("mydb", "*", List.of(sink.address().toString()));
            h.start();
            h.drop("mydb.before.json", content(1));
            assertTrue(sink.awaitFiles(1, Duration.ofSeconds(10)));
            String name = h.db.settings().name();
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            try {
                for (int i = 2; i < 6; i++) {
                    h.drop("mydb.during.json".replace("during", "during" + i), content(i));
                }
                // The writer has noticed the outage and the four files are in the queue: from here on a transfer
                // would need their 'sending' rows, which cannot be written.
                assertTrue(Harness.await(() -> !h.run.tsd().healthy() && h.run.queue().snapshot().stream()
                    .filter(r -> r.table().startsWith("during")).mapToInt(r -> r.queued()).sum() == 4,
                    Duration.ofSeconds(30)), "the outage is noticed and the files are queued");
                assertEquals(1, sink.files().size(), "nothing is sent while tsd_info cannot be written");
            } finally {
                admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
            assertTrue(sink.awaitFiles(5, Duration.ofSeconds(30)), "delivery resumes");
            assertTrue(Harness.await(() -> h.rows().size() == 5 && h.rows().stream()
                .allMatch(r -> "delivered".equals(r.status2())), Duration.ofSeconds(30)));
        }
    }

    static void admin(String... sql) throws Exception {
        FreshDatabase.admin(sql);
    }
}
