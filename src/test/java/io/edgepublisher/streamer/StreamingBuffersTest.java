package io.edgepublisher.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.streamer.journal.JournalMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INTAKE.md §5: buffer text, thresholds, triggers, flush procedure, counters. */
class StreamingBuffersTest {
    @TempDir
    Path tmp;
    StreamerFixture fx;
    StreamingBuffers sb;
    final List<String> notified = new ArrayList<>();
    static final BufferKey KEY = BufferKey.of("mydb", "t2", "dev7", "0");

    @BeforeEach
    void setUp() throws IOException {
        fx = new StreamerFixture(tmp);
        sb = fx.open(JournalMode.ALWAYS);
        sb.setListener((file, hash, rows) -> notified.add(file.getFileName() + "|" + hash + "|" + rows));
    }

    @Test
    void batchesAreJoinedWithOneNewlineAndNoTrailingNewline() {
        sb.append(KEY, "{\"a\":1}\n{\"a\":2}\n", 2);
        sb.append(KEY, "{\"a\":3}", 1);
        sb.append(KEY, "\n", 0);
        List<FlushedFile> files = sb.flushAll();
        String content = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}";
        String name = StreamerFixture.nameOf(KEY, content);
        assertTrue(name.startsWith("mydb.t2.dev7.") && name.endsWith(".0.json"));
        assertEquals(Map.of(name, content), StreamerFixture.files(fx.dirs.watch()));
        assertEquals(1, files.size());
        assertEquals(3, files.get(0).rows());
        assertEquals(List.of(name + "|" + files.get(0).hash() + "|3"), notified);
        assertEquals(List.of(), StreamerFixture.list(fx.dirs.prep()), "nothing left in prep");
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir), "segment deleted after the flush");
        assertEquals(List.of(), sb.flushAll(), "an empty buffer is not flushed");
    }

    @Test
    void volumeFlushOnlyWhenStrictlyGreater() {
        fx.thresholds.set(null, null, 3600L, 20L);
        String ten = "{\"v\":\"é\"}"; // 10 UTF-8 bytes, 9 characters
        assertEquals(AppendResult.NOT_FLUSHED, sb.append(KEY, ten, 1));
        assertEquals(AppendResult.NOT_FLUSHED, sb.append(KEY, "{\"v\":123}", 1), "10 + 1 + 9 = 20 bytes: not greater");
        AppendResult r = sb.append(KEY, "{}", 1);
        String content = ten + "\n{\"v\":123}\n{}";
        assertEquals(StreamerFixture.nameOf(KEY, content), r.flushed().name());
        assertEquals(r.flushed().hash(), r.hash());
        assertEquals(content, StreamerFixture.files(fx.dirs.watch()).get(r.flushed().name()));
        assertEquals(0, sb.bufferedRows());
    }

    @Test
    void timeThresholdOnAppendAndOnTick() {
        fx.thresholds.set(null, null, 10L, 1_000_000L);
        sb.append(KEY, "{\"a\":1}", 1);
        fx.clock.advance(9_999);
        sb.tick(fx.clock.millis());
        assertEquals(Map.of(), StreamerFixture.files(fx.dirs.watch()));
        fx.clock.advance(1);
        sb.tick(fx.clock.millis());
        assertEquals(Map.of(StreamerFixture.nameOf(KEY, "{\"a\":1}"), "{\"a\":1}"), StreamerFixture.files(fx.dirs.watch()));

        BufferKey other = BufferKey.of("mydb", "t3");
        sb.append(other, "{\"b\":1}", 1);
        fx.clock.advance(10_000);
        AppendResult r = sb.append(other, "{\"b\":2}", 1);
        assertEquals(StreamerFixture.nameOf(other, "{\"b\":1}\n{\"b\":2}"), r.flushed().name(), "time checked on append");
    }

    @Test
    void thresholdsAreRecordedWhenTheBufferOpens() {
        fx.thresholds.set(null, null, 3600L, 100L);
        sb.append(KEY, "{\"a\":1}", 1);
        fx.thresholds.set("mydb", "t2", null, 5L);
        assertNull(sb.append(KEY, "{\"a\":2}", 1).flushed(), "the open buffer keeps volume 100");
        sb.flushAll();
        assertTrue(sb.append(KEY, "{\"a\":3}", 1).flushed() != null, "the next buffer opens with volume 5");
    }

    @Test
    void errorBuffersFlushIntoTheErrorDirWithoutNotification() {
        BufferKey err = BufferKey.error("err_10_0_0_9", "vec_basic");
        sb.append(err, "not json at all", 1);
        sb.flushAll();
        assertEquals(Map.of(StreamerFixture.nameOf(err, "not json at all"), "not json at all"),
                StreamerFixture.files(fx.dirs.err()));
        assertEquals(Map.of(), StreamerFixture.files(fx.dirs.watch()));
        assertEquals(List.of(), notified);
    }

    @Test
    void putFileModeWritesTheBodyVerbatim() {
        FlushedFile f = sb.putFile(BufferKey.of("mydb", "sensor", "0", "0"), "{\"v\": 1}", 1);
        assertEquals("d9536253788691682ba42126b33686fe", f.hash());
        assertEquals(Map.of("mydb.sensor.0.d9536253788691682ba42126b33686fe.0.json", "{\"v\": 1}"),
                StreamerFixture.files(fx.dirs.watch()));
        assertEquals(List.of("mydb.sensor.0.d9536253788691682ba42126b33686fe.0.json|d9536253788691682ba42126b33686fe|1"),
                notified);
    }

    @Test
    void writeFailureKeepsBufferAndJournalAndLeavesNothingBehind() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("watch-is-a-file"), "x");
        StreamerDirs good = fx.dirs;
        sb.setDirs(new StreamerDirs(good.prep(), notADir, good.err()));
        sb.append(KEY, "{\"a\":1}", 1);
        CommandException e = assertThrows(CommandException.class, sb::flushAll);
        assertEquals(48, e.code());
        String name = StreamerFixture.nameOf(KEY, "{\"a\":1}");
        assertEquals(Map.of(), StreamerFixture.files(good.err()), "no quarantined copy (issue 12): " + name);
        assertEquals(List.of(), StreamerFixture.list(good.prep()));
        assertEquals(1, StreamerFixture.list(fx.journalDir).size(), "journal segment kept");
        assertEquals(1, sb.bufferedRows(), "buffer kept");

        sb.setDirs(good);
        sb.append(KEY, "{\"a\":2}", 1);
        sb.flushAll();
        String content = "{\"a\":1}\n{\"a\":2}";
        assertEquals(Map.of(StreamerFixture.nameOf(KEY, content), content), StreamerFixture.files(good.watch()));
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
    }

    @Test
    void statisticsPerTable() {
        fx.thresholds.set(null, null, 60L, 1000L);
        sb.append(KEY, "{\"a\":1}\n{\"a\":2}", 2); // 15 bytes
        sb.append(BufferKey.of("mydb", "t2", "dev8", "0"), "{\"a\":3}", 1);
        sb.putFile(BufferKey.of("mydb", "t2", "0", "0"), "{\"v\": 1}\n{\"v\": 2}\n", 2);
        fx.clock.advance(15_500);
        List<TableStatistics> stats = sb.statistics(fx.clock.millis());
        assertEquals(1, stats.size());
        TableStatistics s = stats.get(0);
        assertEquals("mydb.t2", s.dbmsTable());
        assertEquals(1, s.putFiles());
        assertEquals(2, s.putRows());
        assertEquals(2, s.streamingCalls());
        assertEquals(3, s.streamingRows());
        assertEquals(3, s.cachedRows());
        assertEquals(1000, s.thresholdVolumeBytes());
        assertEquals(1.5, s.bufferFillPercent(), 1e-9);
        assertEquals(60, s.thresholdTimeSeconds());
        assertEquals(45, s.timeLeftSeconds());
        assertEquals(1_714_564_800_000L, s.lastProcessMs());
        sb.flushAll();
        assertEquals(3, sb.lastFlushRows());
        TableStatistics after = sb.statistics(fx.clock.millis()).get(0);
        assertEquals(0, after.cachedRows());
        assertEquals(0.0, after.bufferFillPercent());
        assertEquals(60, after.timeLeftSeconds());
    }

    @Test
    void differentSourcesAreDifferentBuffersAndFiles() {
        sb.append(KEY, "{\"a\":1}", 1);
        sb.append(BufferKey.of("mydb", "t2", "dev8", "0"), "{\"a\":1}", 1);
        assertEquals(2, sb.flushAll().size());
        assertEquals(2, StreamerFixture.files(fx.dirs.watch()).size());
    }

    @Test
    void closeFlushesAndRejectsLaterAppends() {
        sb.append(KEY, "{\"a\":1}", 1);
        sb.close();
        assertEquals(1, StreamerFixture.files(fx.dirs.watch()).size());
        assertFalse(assertThrows(CommandException.class, () -> sb.append(KEY, "{}", 1)).detail().isEmpty());
    }

    @Test
    void directoryChecks() throws IOException {
        fx.dirs.checkForStreamer();
        fx.dirs.checkForPut();
        StreamerDirs missing = new StreamerDirs(fx.dirs.prep(), tmp.resolve("nope"), fx.dirs.err());
        CommandException e = assertThrows(CommandException.class, missing::checkForStreamer);
        assertEquals(35, e.code());
        assertEquals(tmp.resolve("nope").toString(), e.detail());
        assertEquals(33, assertThrows(CommandException.class, missing::checkForPut).code());
    }
}
