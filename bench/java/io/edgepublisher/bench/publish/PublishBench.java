package io.edgepublisher.bench.publish;

import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.streamer.DataFileWriter;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.streamer.StreamerDirs;
import io.edgepublisher.wire.testing.OperatorSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publisher benchmark (not a unit test): from the watch folder to the in-repo {@link OperatorSink}, through the real
 * node's publisher (its routes and beans) booted in this JVM by {@link Harness}.
 *
 * <p>Files are written the way the streamer writes them ({@link DataFileWriter}: prep, fsync, rename into the watch
 * dir, directory fsync) and announced like a flush does; every file is 10 KB of JSON rows. Two phases per database:
 * <ul>
 *   <li><b>throughput</b>: a burst of {@code files} over {@code tables} tables; files/s and rows/s from the first
 *       write to the last {@code delivered} row;</li>
 *   <li><b>latency</b>: {@code rate} files/s for {@code seconds}; per file the time from its rename into the watch dir
 *       to pick-up (registered in the queue), to transfer complete (operator closed), and to {@code delivered}
 *       (which includes {@code ack_wait}), median and p99.</li>
 * </ul>
 * Usage: {@code PublishBench <sqlite|psql> [files=20000] [tables=8] [threads=4] [ackWaitMs=0] [rate=200]
 * [seconds=10]}. {@code ack_wait} is lowered for the throughput figures (default 0: accepted as soon as 'sent' is
 * committed); the latency phase reports the delivered latency with the same {@code ack_wait}, so add it to compare
 * with the default 10 s.
 */
public final class PublishBench {
    private static final int FILE_BYTES = 10 * 1024;

    public static void main(String[] args) throws Exception {
        Dialect dialect = args.length > 0 && args[0].equalsIgnoreCase("psql") ? Dialect.PSQL : Dialect.SQLITE;
        int files = arg(args, 1, 20_000);
        int tables = arg(args, 2, 8);
        int threads = arg(args, 3, 4);
        int ackWaitMs = arg(args, 4, 0);
        int rate = arg(args, 5, 200);
        int seconds = arg(args, 6, 10);
        System.out.printf(Locale.ROOT, "PublishBench %s: %d files of %d bytes over %d tables, threads %d, ack_wait %d"
            + " ms; latency at %d files/s for %d s%n", dialect, files, FILE_BYTES, tables, threads, ackWaitMs, rate,
            seconds);
        throughput(dialect, files, tables, threads, ackWaitMs);
        latency(dialect, rate, seconds, tables, threads, ackWaitMs);
        System.exit(0);
    }

    private static int arg(String[] a, int i, int def) {
        return a.length > i ? Integer.parseInt(a[i]) : def;
    }

    /** One file's content: JSON rows padded to 10 KB, unique per (table, i). */
    static byte[] content(int table, int i) {
        StringBuilder sb = new StringBuilder(FILE_BYTES + 100);
        int row = 0;
        while (sb.length() < FILE_BYTES - 80) {
            sb.append("{\"ts\": \"2026-11-28 10:00:00.").append(String.format("%06d", row)).append("\", \"file\": ")
                .append(i).append(", \"table\": ").append(table).append(", \"value\": ").append(row * 1.5)
                .append("}\n");
            row++;
        }
        while (sb.length() < FILE_BYTES) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static int rows(byte[] c) {
        int n = 0;
        for (byte b : c) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static final class Clock implements QueueEvents {
        final Map<String, Long> written = new ConcurrentHashMap<>();
        final List<Long> picked = Collections.synchronizedList(new ArrayList<>());
        final List<Long> transferred = Collections.synchronizedList(new ArrayList<>());
        final List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong lastDelivered = new AtomicLong();
        volatile CountDownLatch done = new CountDownLatch(1);
        volatile int expected;
        final AtomicLong count = new AtomicLong();

        @Override
        public void registered(String name, long nanos) {
            Long w = written.get(name);
            if (w != null) {
                picked.add(System.nanoTime() - w);
            }
        }

        @Override
        public void transferred(String name, String dest, long nanos) {
            Long w = written.get(name);
            if (w != null) {
                transferred.add(System.nanoTime() - w);
            }
        }

        @Override
        public void delivered(String name, String dest, long nanos) {
            long now = System.nanoTime();
            Long w = written.get(name);
            if (w != null) {
                delivered.add(now - w);
            }
            lastDelivered.set(now);
            if (count.incrementAndGet() == expected) {
                done.countDown();
            }
        }
    }

    /** A publisher sending every table to {@code sink}, deleting what was delivered. */
    private static Harness harness(Path root, Dialect dialect, int threads, int ackWaitMs, Clock clock,
                                   OperatorSink sink) throws Exception {
        Harness h = new Harness(root, dialect, c -> c.withThreads(threads).withAckWait(Duration.ofMillis(ackWaitMs))
            .withDisposal(true, false, false, true, false, false), clock);
        h.distribution.set("*", "*", List.of(sink.address().toString()));
        return h;
    }

    private static void throughput(Dialect dialect, int files, int tables, int threads, int ackWaitMs)
        throws Exception {
        Path root = Files.createTempDirectory("publish-bench");
        Clock clock = new Clock();
        clock.expected = files;
        try (OperatorSink sink = OperatorSink.builder().threads(8).build().start();
             Harness h = harness(root, dialect, threads, ackWaitMs, clock, sink)) {
            // The backlog is written first (the streamer's way, without its fsyncs: the write rate of this machine is
            // not what is measured), then the publisher starts and drains it: discovery by the start-up scan,
            // registration, routing, transfer, 'delivered', disposal.
            int rowsPerFile = 0;
            for (int i = 0; i < files; i++) {
                int t = i % tables;
                byte[] c = content(t, i);
                rowsPerFile = rows(c);
                String name = "bench.t" + t + ".0." + DataHash.md5("bench", "t" + t, c) + ".0.json";
                Files.write(h.prep.resolve(name), c);
                Files.move(h.prep.resolve(name), h.watch.resolve(name));
            }
            Thread.sleep(1100); // older than the 1 s stability rule for files the node did not announce
            long cpu0 = cpuNanos();
            long start = System.nanoTime();
            h.start();
            if (!clock.done.await(10, TimeUnit.MINUTES)) {
                System.out.println("throughput: not all files delivered: " + clock.count.get());
            }
            double secs = (clock.lastDelivered.get() - start) / 1e9;
            double cpuMs = (cpuNanos() - cpu0) / 1e6;
            Map<String, Long> byThread = threadCpu();
            long commits = h.run.tsd().commits();
            System.out.printf(Locale.ROOT, "throughput %s: %d files in %.2f s = %.0f files/s, %.0f rows/s, %.1f MB/s"
                    + " (%d tsd_info transactions, %.1f statements each)%n", dialect, files, secs, files / secs,
                files * (double) rowsPerFile / secs, files * (double) FILE_BYTES / secs / 1e6, commits,
                h.run.tsd().statements() / (double) Math.max(1, commits));
            System.out.printf(Locale.ROOT, "throughput %s: CPU %.3f ms per file in this JVM (publisher and sink); a"
                + " machine with %d free cores would allow about %.0f files/s%n", dialect, cpuMs / files,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() * 1000.0 / (cpuMs / files));
            StringBuilder sb = new StringBuilder();
            byThread.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.3f;", k, v / 1e6 / files)));
            System.out.println("throughput " + dialect + ": thread CPU ms per file:" + sb);
            if (sink.files().size() != files) {
                System.out.println("WARNING: the sink received " + sink.files().size() + " files");
            }
        }
    }

    private static void latency(Dialect dialect, int rate, int seconds, int tables, int threads, int ackWaitMs)
        throws Exception {
        Path root = Files.createTempDirectory("publish-bench");
        Clock clock = new Clock();
        int files = rate * seconds;
        clock.expected = files;
        try (OperatorSink sink = OperatorSink.builder().threads(8).build().start();
             Harness h = harness(root, dialect, threads, ackWaitMs, clock, sink)) {
            h.start();
            StreamerDirs dirs = new StreamerDirs(h.prep, h.watch, h.err);
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < files; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int t = i % tables;
                byte[] c = content(t, 1_000_000 + i);
                String name = "lat.t" + t + ".0." + DataHash.md5("lat", "t" + t, c) + ".0.json";
                clock.written.put(name, System.nanoTime());
                Path p = DataFileWriter.write(dirs, h.watch, name, c, c.length);
                h.run.nodeFile(p, rows(c));
            }
            clock.done.await(5, TimeUnit.MINUTES);
            System.out.printf(Locale.ROOT, "latency %s at %d files/s: pick-up %s; transfer complete %s; delivered"
                + " %s (ack_wait %d ms included)%n", dialect, rate, stats(clock.picked), stats(clock.transferred),
                stats(clock.delivered), ackWaitMs);
        }
    }

    /** CPU time of live threads grouped by name (numbers stripped), since thread start. */
    static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long cpu = mx.getThreadCpuTime(ti.getThreadId());
            if (cpu > 0) {
                out.merge(ti.getThreadName().replaceAll("[-\\d]+$", "").replaceAll("-\\d+-", "-"), cpu, Long::sum);
            }
        }
        out.values().removeIf(v -> v < 50_000_000L);
        return out;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String stats(List<Long> nanos) {
        long[] v;
        synchronized (nanos) {
            v = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        if (v.length == 0) {
            return "n/a";
        }
        Arrays.sort(v);
        return String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", v[v.length / 2] / 1e6,
            v[Math.min(v.length - 1, (int) (v.length * 0.99))] / 1e6, v[v.length - 1] / 1e6, v.length);
    }
}
