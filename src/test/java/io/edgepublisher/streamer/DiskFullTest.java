package io.edgepublisher.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.streamer.journal.JournalMode;
import io.edgepublisher.testing.LogCapture;
import io.edgepublisher.testing.Tmpfs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 defect 1 on a real full file system (the tmpfs of {@code EP_TEST_TMPFS}): a row that got an error is
 * never stored, a failed flush leaves nothing behind and keeps its rows, and everything recovers once space is freed.
 */
class DiskFullTest {
    private static final BufferKey KEY = BufferKey.of("full", "rows", "0", "0");
    private Tmpfs tmpfs;
    private StreamerFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        tmpfs = Tmpfs.open("disk-full");
        fx = new StreamerFixture(tmpfs.dir());
        fx.thresholds.set(null, null, 3600L, 64L << 20); // only flush buffers writes files
    }

    @AfterEach
    void tearDown() throws Exception {
        tmpfs.close();
    }

    /** A batch of rows with ids {@code from..from+n-1}, about 4 KB. */
    private static String batch(int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            sb.append(sb.length() == 0 ? "" : "\n").append("{\"id\":").append(i).append(",\"pad\":\"")
                    .append("x".repeat(180)).append("\"}");
        }
        return sb.toString();
    }

    private static List<Integer> ids(String content) {
        List<Integer> out = new ArrayList<>();
        for (String line : content.split("\n")) {
            out.add(Integer.parseInt(line.substring(6, line.indexOf(','))));
        }
        return out;
    }

    private List<Integer> watchedIds() {
        Map<String, String> files = StreamerFixture.files(fx.dirs.watch());
        List<Integer> all = new ArrayList<>();
        files.values().forEach(c -> all.addAll(ids(c)));
        return all;
    }

    private void assertNothingLeftBehind() {
        assertEquals(Map.of(), StreamerFixture.files(fx.dirs.err()), "no *.err_48 files");
        assertEquals(List.of(), StreamerFixture.list(fx.dirs.prep()), "no partial prep files");
    }

    @Test
    void rowsOfFailedJournalWritesAreNeverStored() throws Exception {
        StreamingBuffers sb = fx.open(JournalMode.parse("always"));
        tmpfs.fillLeaving(256 << 10);
        List<Integer> acked = new ArrayList<>();
        int failures = 0;
        int id = 0;
        while (failures < 20) {
            try {
                sb.append(KEY, batch(id, 20), 20);
                for (int i = id; i < id + 20; i++) {
                    acked.add(i);
                }
            } catch (CommandException e) {
                assertEquals(48, e.code());
                failures++;
            }
            id += 20;
        }
        assertTrue(acked.size() > 0, "some batches fit before the disk filled up");
        assertEquals(acked.size(), sb.bufferedRows(), "the buffer holds the acknowledged rows and no others");
        assertThrows(CommandException.class, sb::flushAll, "no room for the file");
        assertNothingLeftBehind();

        tmpfs.unfill();
        sb.flushAll();
        assertEquals(acked, watchedIds(), "exactly the acknowledged rows, once, in order");
        assertEquals(List.of(), StreamerFixture.list(fx.journalDir), "journal segment retired");
        assertNothingLeftBehind();
        sb.close();
    }

    @Test
    void concurrentGroupCommitsStoreExactlyTheAcknowledgedRows() throws Exception {
        StreamingBuffers sb = fx.open(JournalMode.parse("group:5"));
        tmpfs.fillLeaving(512 << 10);
        List<Integer> acked = Collections.synchronizedList(new ArrayList<>());
        List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<?>> all = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int k = 0; k < 150; k++) {
                    int from = (thread * 150 + k) * 10;
                    CompletableFuture<?> f;
                    try {
                        f = sb.appendAsync(KEY, batch(from, 10), 10).whenComplete((r, e) -> {
                            for (int i = from; i < from + 10; i++) {
                                (e == null ? acked : refused).add(i);
                            }
                        });
                    } catch (CommandException e) {
                        f = CompletableFuture.failedFuture(e);
                        for (int i = from; i < from + 10; i++) {
                            refused.add(i);
                        }
                    }
                    all.add(f);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        for (CompletableFuture<?> f : all) {
            try {
                f.join();
            } catch (CompletionException e) {
                // counted as refused
            }
        }
        assertEquals(6000, acked.size() + refused.size());
        assertTrue(!acked.isEmpty() && !refused.isEmpty(), acked.size() + " acknowledged, " + refused.size()
                + " refused: the disk must fill up during the run");
        assertEquals(acked.size(), sb.bufferedRows());

        tmpfs.unfill();
        sb.flushAll();
        List<Integer> stored = watchedIds();
        assertEquals(stored.size(), new LinkedHashSet<>(stored).size(), "no row stored twice");
        assertEquals(new java.util.TreeSet<>(acked), new java.util.TreeSet<>(stored),
                "every acknowledged row and no refused one");
        assertNothingLeftBehind();
        sb.close();
    }

    @Test
    void aFailedFlushLeavesNothingBehindAndKeepsItsRows() throws Exception {
        StreamingBuffers sb = fx.open(JournalMode.parse("always"));
        for (int i = 0; i < 10; i++) {
            sb.append(KEY, batch(i * 20, 20), 20);
        }
        tmpfs.fillLeaving(0);
        long freeBefore = tmpfs.free();
        for (int attempt = 0; attempt < 5; attempt++) {
            CommandException e = assertThrows(CommandException.class, sb::flushAll);
            assertEquals(48, e.code());
            assertTrue(e.detail().contains("No space left on device"), e.detail());
            assertFalse(e.detail().contains(tmpfs.dir().toString()), "no server paths: " + e.detail());
        }
        assertNothingLeftBehind();
        assertEquals(freeBefore, tmpfs.free(), "failed flushes used up no space");
        assertEquals(200, sb.bufferedRows());
        assertEquals(1, StreamerFixture.list(fx.journalDir).size(), "journal segment kept");
        assertTrue(sb.storage().writesFailing());

        tmpfs.unfill();
        sb.flushAll();
        long until = System.currentTimeMillis() + 15_000;
        while (sb.storage().writesFailing() && System.currentTimeMillis() < until) {
            Thread.sleep(100); // recovered once writes succeed and none failed for 5 s
        }
        assertFalse(sb.storage().writesFailing(), "recovered by itself");
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i);
        }
        assertEquals(expected, watchedIds());
        assertNothingLeftBehind();
        sb.close();
    }

    @Test
    void belowTheFloorIntakeIsRefusedBeforeAnythingIsTaken() throws Exception {
        StreamingBuffers sb = fx.open(JournalMode.parse("always"));
        StorageGuard guard = new StorageGuard(tmpfs.dir(), List.of(fx.dirs.prep(), fx.dirs.watch(), fx.dirs.err(),
                fx.journalDir), "4MB");
        sb.setStorageGuard(guard);
        sb.append(KEY, batch(0, 1), 1);
        try (LogCapture log = new LogCapture(StorageGuard.class)) {
            tmpfs.fillLeaving(3 << 20);
            long until = System.currentTimeMillis() + 5000;
            while (!guard.state().refusing() && System.currentTimeMillis() < until) {
                Thread.sleep(20); // free space is read at most every 100 ms
            }
            for (int i = 0; i < 5; i++) {
                int from = 1 + i;
                StorageRefused e = assertThrows(StorageRefused.class, () -> sb.append(KEY, batch(from, 1), 1));
                assertEquals(48, e.code());
                assertTrue(e.detail().matches("Not stored: intake refused: free space on the file system of prep is"
                        + " [23]\\.\\d MB, below the floor of 4\\.0 MB \\(EP_MIN_FREE_SPACE\\); free some space and"
                        + " intake resumes by itself"), e.detail());
            }
            assertThrows(StorageRefused.class, () -> sb.putFile(KEY, "{\"id\":9}", 1));
            assertEquals(1, log.lines().size(), "logged once per state change: " + log.lines());
        }
        assertTrue(guard.state().refusing());
        assertEquals(6, guard.refusals());
        assertEquals(1, sb.bufferedRows());

        tmpfs.unfill();
        long deadline = System.currentTimeMillis() + 5000;
        while (guard.state().refusing() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(guard.state().refusing(), "intake resumes once space is freed");
        sb.append(KEY, batch(1, 1), 1);
        sb.flushAll();
        assertEquals(List.of(0, 1), watchedIds());
        sb.close();
    }

    @Test
    void theDefaultFloorIsTheSmallerOf64MbAnd5Percent() {
        assertEquals(64L << 20, StorageGuard.floor(null, 100L << 30));
        assertEquals((16L << 20) * 5 / 100, StorageGuard.floor(null, 16L << 20));
        assertEquals(10L << 20, StorageGuard.floor("10MB", 16L << 20));
        assertEquals(0, StorageGuard.floor("0", 16L << 20));
        assertEquals((16L << 20) / 100 * 25, StorageGuard.floor("25%", 16L << 20));
        assertEquals(-1, StorageGuard.floor("lots", 16L << 20));
    }
}
