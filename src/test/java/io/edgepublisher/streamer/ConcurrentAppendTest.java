package io.edgepublisher.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.streamer.journal.JournalMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many producers append unique sequence numbers to a few buffers while volume and time thresholds flush them; after
 * a final flush every number is in exactly one line of exactly one file, and every file is named by its content.
 */
class ConcurrentAppendTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 1500;
    private static final BufferKey[] KEYS = {BufferKey.of("db", "a"), BufferKey.of("db", "b"),
        BufferKey.of("db", "c", "dev1", "0"), BufferKey.of("db2", "a")};

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"always", "group:1", "none"})
    void everyNumberLandsInExactlyOneFileLine(String mode) throws Exception {
        StreamerFixture fx = new StreamerFixture(tmp);
        fx.thresholds.set(null, null, 1L, 3000L);
        StreamingBuffers sb = fx.open(JournalMode.parse(mode));
        ConcurrentLinkedQueue<FlushedFile> notified = new ConcurrentLinkedQueue<>();
        sb.setListener((file, hash, rows) -> notified.add(new FlushedFile(null, file, hash, rows)));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int base = t * PER_THREAD;
            final boolean async = t % 2 == 0;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        int n = base + i;
                        BufferKey key = KEYS[n % KEYS.length];
                        String text = i % 10 == 0 ? "{\"seq\":" + n + "}\n{\"seq\":" + (-n - 1) + "}" : "{\"seq\":" + n + "}";
                        int rows = i % 10 == 0 ? 2 : 1;
                        if (async) {
                            pending.add(sb.appendAsync(key, text, rows));
                        } else {
                            sb.append(key, text, rows);
                        }
                        if (i % 500 == 0) {
                            fx.clock.advance(600); // lets the time threshold fire now and then
                            sb.tick(fx.clock.millis());
                        }
                    }
                    CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).join();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), errors);
        sb.flushAll();

        Map<String, String> files = StreamerFixture.files(fx.dirs.watch());
        assertTrue(files.size() > KEYS.length, "thresholds flushed during the run: " + files.size() + " files");
        int expected = THREADS * PER_THREAD + THREADS * PER_THREAD / 10;
        int[] seen = new int[THREADS * PER_THREAD * 2 + 1];
        int lines = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            DataFileName n = DataFileName.parse(f.getKey());
            assertEquals(f.getKey(), DataFileName.of(keyOf(n), DataHash.md5(n.dbms(), n.table(),
                    f.getValue().getBytes(StandardCharsets.UTF_8))), "file named by its content");
            assertTrue(!f.getValue().endsWith("\n") && !f.getValue().startsWith("\n") && !f.getValue().contains("\n\n"));
            for (String line : f.getValue().split("\n")) {
                int v = Integer.parseInt(line.substring(7, line.length() - 1));
                int n2 = v >= 0 ? v : -v - 1;
                assertEquals(keyOf(n).toString(), KEYS[n2 % KEYS.length].toString(), "row in its own buffer's file");
                seen[v >= 0 ? v : THREADS * PER_THREAD + (-v - 1)]++;
                lines++;
            }
        }
        assertEquals(expected, lines);
        for (int i = 0; i < THREADS * PER_THREAD; i++) {
            assertEquals(1, seen[i], "seq " + i);
            if ((i % PER_THREAD) % 10 == 0) {
                assertEquals(1, seen[THREADS * PER_THREAD + i], "seq -" + (i + 1));
            }
        }
        assertEquals(files.size(), notified.size(), "the listener heard of every file");
        assertEquals(expected, notified.stream().mapToInt(FlushedFile::rows).sum());
        assertEquals(List.of(), StreamerFixture.list(fx.dirs.prep()));
        if (!mode.equals("none")) {
            assertEquals(List.of(), StreamerFixture.list(fx.journalDir));
        }
        sb.close();
    }

    private static BufferKey keyOf(DataFileName n) {
        return BufferKey.of(n.dbms(), n.table(), n.source(), n.instructions());
    }
}
