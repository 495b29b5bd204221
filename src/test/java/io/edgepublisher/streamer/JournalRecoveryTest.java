package io.edgepublisher.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.streamer.journal.JournalMode;
import io.edgepublisher.streamer.journal.RecordCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** INTAKE.md §6: what is acknowledged is journaled; recovery rebuilds exactly the complete records. */
class JournalRecoveryTest {
    static final BufferKey KEY = BufferKey.of("mydb", "sensor", "dev7", "0");
    static final String B1 = "{\"ts\":\"2024-05-01 12:00:00.123000\",\"v\":1.5}\n{\"ts\":\"2024-05-01 12:00:01.000000\",\"v\":2}";
    static final String B2 = "{\"city\":\"Zürich 東京\"}";
    static final String B3 = "{\"v\":3}";

    @TempDir
    Path tmp;

    /** The crash: the instance is abandoned, without flush or close. */
    private StreamerFixture crashAfter(JournalMode mode, String... batches) throws IOException {
        StreamerFixture fx = new StreamerFixture(tmp.resolve("node"));
        fx.thresholds.set(null, null, 3600L, 1_000_000L);
        StreamingBuffers sb = fx.open(mode);
        for (String b : batches) {
            sb.append(KEY, b, b.split("\n").length);
        }
        return fx;
    }

    /** What an uninterrupted flush of {@code batches} writes: name → content. */
    private Map<String, String> uninterrupted(String... batches) throws IOException {
        StreamerFixture ref = new StreamerFixture(tmp.resolve("reference"));
        ref.thresholds.set(null, null, 3600L, 1_000_000L);
        StreamingBuffers sb = ref.open(JournalMode.NONE);
        for (String b : batches) {
            sb.append(KEY, b, 1);
        }
        sb.flushAll();
        return StreamerFixture.files(ref.dirs.watch());
    }

    private static Path onlySegment(StreamerFixture fx) {
        List<Path> segs = StreamerFixture.list(fx.journalDir);
        assertEquals(1, segs.size());
        return segs.get(0);
    }

    private static int recordOffset(Path segment, int index) throws IOException {
        byte[] data = Files.readAllBytes(segment);
        return RecordCodec.decode(data, data.length).payloads().get(index)[0] - RecordCodec.OVERHEAD;
    }

    @ParameterizedTest
    @ValueSource(strings = {"always", "group:2"})
    void acknowledgedBatchesAreInTheSegmentFile(String mode) throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.parse(mode), B1, B2);
        Path seg = onlySegment(fx);
        assertEquals("mydb.sensor.dev7.0.json.0.jnl", seg.getFileName().toString());
        byte[] data = Files.readAllBytes(seg);
        RecordCodec.Decoded d = RecordCodec.decode(data, data.length);
        assertEquals(data.length, d.validLength());
        assertEquals(3, d.payloads().size());
        assertEquals("{\"key\":\"mydb.sensor.dev7.0.json\",\"open_ms\":1714564800000,\"time\":3600,\"volume\":1000000}",
                payload(data, d, 0));
        assertEquals(B1, payload(data, d, 1));
        assertEquals(B2, payload(data, d, 2));
    }

    private static String payload(byte[] data, RecordCodec.Decoded d, int i) {
        return new String(data, d.payloads().get(i)[0], d.payloads().get(i)[1], StandardCharsets.UTF_8);
    }

    @Test
    void recoveredBufferIsExactlyTheUninterruptedFile() throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.ALWAYS, B1, B2);
        RecoveryReport r = fx.open(JournalMode.ALWAYS).recover();
        Map<String, String> expected = uninterrupted(B1, B2);
        assertEquals(expected, StreamerFixture.files(fx.dirs.watch()));
        assertEquals(1, r.flushed().size());
        assertEquals(3, r.flushed().get(0).rows());
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
        assertEquals(0, r.discardedBytes());
    }

    @Test
    void segmentTruncatedMidRecordKeepsTheCompleteRecords() throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.ALWAYS, B1, B2, B3);
        Path seg = onlySegment(fx);
        long cut = recordOffset(seg, 3) + RecordCodec.OVERHEAD + 2; // inside B3's payload
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(cut);
        }
        RecoveryReport r = fx.open(JournalMode.ALWAYS).recover();
        assertEquals(uninterrupted(B1, B2), StreamerFixture.files(fx.dirs.watch()));
        assertEquals(RecordCodec.OVERHEAD + 2, r.discardedBytes());
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
    }

    @Test
    void corruptCrcEndsTheValidRecords() throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.ALWAYS, B1, B2, B3);
        Path seg = onlySegment(fx);
        int at = recordOffset(seg, 2) + 4; // B2's CRC
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        fx.open(JournalMode.ALWAYS).recover();
        assertEquals(uninterrupted(B1), StreamerFixture.files(fx.dirs.watch()),
                "B2 fails its CRC; B3 behind it is not trusted either");
    }

    @Test
    void tornHeaderMeansNothingWasAcknowledged() throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.ALWAYS, B1);
        Path seg = onlySegment(fx);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(20);
        }
        RecoveryReport r = fx.open(JournalMode.ALWAYS).recover();
        assertEquals(List.of(seg), r.emptySegments());
        assertEquals(Map.of(), StreamerFixture.files(fx.dirs.watch()));
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
    }

    @Test
    void crashAfterTheRenameButBeforeTheSegmentWasDeleted() throws IOException {
        StreamerFixture fx = new StreamerFixture(tmp.resolve("node"));
        fx.thresholds.set(null, null, 3600L, 1_000_000L);
        StreamingBuffers sb = fx.open(JournalMode.ALWAYS);
        sb.append(KEY, B1, 2);
        sb.append(KEY, B2, 1);
        Path seg = onlySegment(fx);
        byte[] saved = Files.readAllBytes(seg);
        sb.flushAll();
        Files.write(seg, saved); // the deletion did not happen before the crash
        Map<String, String> before = StreamerFixture.files(fx.dirs.watch());
        RecoveryReport r = fx.open(JournalMode.ALWAYS).recover();
        assertEquals(List.of(seg), r.alreadyFlushed());
        assertEquals(List.of(), r.flushed());
        assertEquals(before, StreamerFixture.files(fx.dirs.watch()));
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
    }

    @Test
    void errorBuffersAreRecoveredIntoTheErrorDir() throws IOException {
        StreamerFixture fx = new StreamerFixture(tmp.resolve("node"));
        StreamingBuffers sb = fx.open(JournalMode.ALWAYS);
        BufferKey err = BufferKey.error("err_local", "vec_mqtt");
        sb.append(err, "garbage payload", 1);
        fx.open(JournalMode.ALWAYS).recover();
        assertEquals(Map.of(StreamerFixture.nameOf(err, "garbage payload"), "garbage payload"),
                StreamerFixture.files(fx.dirs.err()));
    }

    @Test
    void failedRecoveryKeepsTheSegmentAndNewSegmentsTakeTheNextSequence() throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.ALWAYS, B1);
        Path seg = onlySegment(fx);
        StreamingBuffers sb = fx.open(JournalMode.ALWAYS);
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        sb.setDirs(new StreamerDirs(fx.dirs.prep(), notADir, fx.dirs.err()));
        RecoveryReport r = sb.recover();
        assertEquals(List.of(seg), r.failed());
        assertTrue(Files.exists(seg));
        sb.setDirs(fx.dirs);
        sb.append(KEY, B3, 1);
        assertEquals(List.of("mydb.sensor.dev7.0.json.0.jnl", "mydb.sensor.dev7.0.json.1.jnl"),
                StreamerFixture.list(fx.journalDir).stream().map(p -> p.getFileName().toString()).toList());
        // next boot: both segments become their own files
        fx.open(JournalMode.ALWAYS).recover();
        TreeMap<String, String> expected = new TreeMap<>(uninterrupted(B1));
        expected.put(StreamerFixture.nameOf(KEY, B3), B3);
        assertEquals(expected, StreamerFixture.files(fx.dirs.watch()));
    }

    @Test
    void groupCommitAcknowledgesOnlyAfterTheWindow() throws Exception {
        StreamerFixture fx = new StreamerFixture(tmp.resolve("node"));
        StreamingBuffers sb = fx.open(JournalMode.group(300));
        long t0 = System.nanoTime();
        CompletableFuture<AppendResult> a = sb.appendAsync(KEY, B1, 2);
        CompletableFuture<AppendResult> b = sb.appendAsync(BufferKey.of("mydb", "other"), B2, 1);
        assertFalse(a.isDone(), "not acknowledged before the group fsync");
        assertEquals(AppendResult.NOT_FLUSHED, a.get(5, TimeUnit.SECONDS));
        b.get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 >= 250_000_000L, "the window was honoured");
        assertEquals(2, StreamerFixture.list(fx.journalDir).size());
        sb.close();
        assertEquals(2, StreamerFixture.files(fx.dirs.watch()).size());
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
    }

    @Test
    void noneModeWritesNoJournal() throws IOException {
        StreamerFixture fx = crashAfter(JournalMode.NONE, B1);
        assertFalse(Files.exists(fx.journalDir));
        assertEquals(List.of(), fx.open(JournalMode.NONE).recover().flushed());
    }
}
