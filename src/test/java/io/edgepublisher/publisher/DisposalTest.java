package io.edgepublisher.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.disposal.ArchiveRetention;
import io.edgepublisher.publisher.disposal.Disposer;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PUBLISHER.md §3.4 (already delivered), §5.2 (transit gzip), §7 (delete / archive / bkup / gzip, retention). */
class DisposalTest {
    static final String JSON = "{\"v\": 1}\n{\"v\": 2}\n";
    static final String SQL = "insert into t values (1);";

    @TempDir
    Path tmp;

    static String jsonName() {
        return "mydb.sensor.0." + DataHash.md5("mydb", "sensor", JSON.getBytes(StandardCharsets.UTF_8)) + ".0.json";
    }

    static String sqlName() {
        return "mydb.sensor.0." + DataHash.md5("mydb", "sensor", SQL.getBytes(StandardCharsets.UTF_8)) + ".0.sql";
    }

    /** Delivers one JSON and one SQL file with the given disposal options; returns the node's folders after. */
    Harness deliverBoth(OperatorSink sink, UnaryOperator<io.edgepublisher.publisher.PublisherConfig> tune)
        throws Exception {
        Harness h = new Harness(tmp.resolve("node"), Dialect.SQLITE, tune, QueueEvents.NONE);
        h.distribution.set("*", "*", List.of(sink.address().toString()));
        h.start();
        h.drop(jsonName(), JSON);
        h.drop(sqlName(), SQL);
        assertTrue(sink.awaitFiles(2, Duration.ofSeconds(10)));
        assertTrue(Harness.await(() -> Harness.listing(h.watch).isEmpty(), Duration.ofSeconds(10)));
        return h;
    }

    static String today() {
        return Disposer.dateDir(Path.of(""), Instant.now()).toString();
    }

    @Test
    void defaultsMoveToBkupUncompressed() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = deliverBoth(sink, c -> c)) {
            assertEquals(Map.of(jsonName(), (long) JSON.length(), sqlName(), (long) SQL.length()),
                Harness.listing(h.bkup));
            assertEquals(Map.of(), Harness.listing(h.archive));
        }
    }

    @Test
    void archiveJsonCompressedAndSqlToBkupCompressed() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = deliverBoth(sink, c -> c.withDisposal(false, true, true, false, false, true))) {
            Path gz = h.archive.resolve(today()).resolve(jsonName() + ".gz");
            assertEquals(JSON, gunzip(gz));
            assertEquals(List.of(today() + "/" + jsonName() + ".gz"), List.copyOf(Harness.listing(h.archive).keySet()));
            assertEquals(SQL, gunzip(h.bkup.resolve(sqlName() + ".gz")));
        }
    }

    @Test
    void archiveUncompressedAndDeleteSql() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = deliverBoth(sink, c -> c.withDisposal(false, true, false, true, true, true))) {
            assertEquals(Map.of(today() + "/" + jsonName(), (long) JSON.length()), Harness.listing(h.archive));
            assertEquals(Map.of(), Harness.listing(h.bkup));
        }
    }

    @Test
    void deleteJson() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = deliverBoth(sink, c -> c.withDisposal(true, true, true, false, false, false))) {
            assertEquals(Map.of(), Harness.listing(h.archive));
            assertEquals(Map.of(sqlName(), (long) SQL.length()), Harness.listing(h.bkup));
        }
    }

    @Test
    void compressTransitSendsGzAndKeepsTheHashOfTheUncompressedContent() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().watchDir(Files.createDirectories(tmp.resolve("op"))).build()
            .start();
             Harness h = new Harness(tmp.resolve("node"), Dialect.SQLITE,
                 c -> c.withNaming(0, 1, true, null), QueueEvents.NONE)) {
            h.distribution.set("*", "*", List.of(sink.address().toString()));
            h.start();
            h.drop(jsonName(), JSON);
            ReceivedFile f = sink.awaitFile(jsonName() + ".gz", Duration.ofSeconds(10)).orElseThrow();
            assertEquals(jsonName(), f.storedName(), "the operator gunzips into the canonical name");
            assertEquals(JSON, Files.readString(f.path()));
            assertTrue(Harness.await(() -> Files.exists(h.bkup.resolve(jsonName())), Duration.ofSeconds(10)));
            try (var s = Files.list(h.tmp)) {
                assertEquals(0, s.count(), "the transit copy is deleted");
            }
        }
    }

    @Test
    void aFileWhoseHashWasDeliveredIsDisposedWithoutSending() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = deliverBoth(sink, c -> c.withDisposal(false, true, false, false, false, false))) {
            sink.reset();
            h.drop(jsonName(), JSON);
            assertTrue(Harness.await(() -> Harness.listing(h.watch).isEmpty(), Duration.ofSeconds(10)));
            assertEquals(0, sink.connections(), "not sent again");
            assertEquals(Map.of(today() + "/" + jsonName(), (long) JSON.length()), Harness.listing(h.archive));
            assertEquals(2, h.rows().size());
        }
    }

    @Test
    void aFailedDispositionKeepsTheFileWithItsDeliveredRowAndIsRetried() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             Harness h = new Harness(tmp.resolve("node"), Dialect.SQLITE,
                 c -> c.withDisposal(false, true, false, false, false, false), QueueEvents.NONE)) {
            h.distribution.set("*", "*", List.of(sink.address().toString()));
            // The date directory cannot be created (a file is in the way), like a full or broken disk.
            Path blocker = h.archive.resolve(today()).getParent();
            Files.createDirectories(blocker.getParent());
            Files.writeString(blocker, "in the way");
            h.start();
            h.drop(jsonName(), JSON);
            String hash = DataHash.md5("mydb", "sensor", JSON.getBytes(StandardCharsets.UTF_8));
            assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash)), Duration.ofSeconds(10)));
            // The failed disposition takes the file out of the queue (a later scan retries it).
            assertTrue(Harness.await(() -> h.run.queue().size() == 0, Duration.ofSeconds(10)), "disposition tried");
            assertTrue(Files.exists(h.watch.resolve(jsonName())), "stays in the watch dir");
            Files.delete(blocker);
            assertTrue(Harness.await(() -> Files.exists(h.archive.resolve(today()).resolve(jsonName())),
                Duration.ofSeconds(30)), "disposition retried");
            assertEquals(1, sink.files().size(), "never sent twice");
        }
    }

    @Test
    void retentionDeletesOldDateDirectoriesOnly() throws Exception {
        Path archive = Files.createDirectories(tmp.resolve("archive"));
        Path old = Files.createDirectories(archive.resolve("26/01/02"));
        Path recent = Files.createDirectories(archive.resolve("26/11/27"));
        Files.writeString(old.resolve("a.json"), "x");
        Files.writeString(old.resolve("b.json.gz"), "x");
        Files.writeString(recent.resolve("c.json"), "x");
        assertEquals(2, ArchiveRetention.deleteOlderThan(archive, 30, LocalDate.of(2026, 11, 28)));
        assertEquals(Map.of("26/11/27/c.json", 1L), Harness.listing(archive));
        assertTrue(!Files.exists(archive.resolve("26/01")), "emptied date directories are removed");
    }

    static String gunzip(Path p) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }
}
