package io.edgepublisher.bench.intake;

import io.edgepublisher.bench.proc.ProcStat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * REST PUT {@code mode: streaming} load for {@code bench/intake/rest.sh}, by time instead of by count: {@code threads}
 * connections send batches of {@code rows} rows ({@link RestPutClient}'s bodies and requests) without a pause, and
 * three back-to-back windows are measured from the first request on:
 * <ol>
 *   <li><b>cold</b>: the first {@code cold} seconds (started right after the server answered, i.e. just after boot);</li>
 *   <li><b>warm-up</b>: {@code warm} more seconds, not reported;</li>
 *   <li><b>timed</b>: {@code timed} seconds, the steady-state figure.</li>
 * </ol>
 * A batch counts in the window in which its 200 arrived. For each window: rows/s and, for each watched process, its
 * CPU time (utime + stime from {@code /proc/<pid>/stat}) over the window divided by the rows of the window.
 *
 * <pre>TimedRestLoad &lt;host&gt; &lt;port&gt; &lt;label&gt; [rows=2000] [threads=4] [cold=30] [warm=10] [timed=30]
 *     [pids=name:pid,…] [dbms=bench] [table=rest]</pre>
 * Prints one line per window and the totals, plus machine-readable lines:
 * {@code RESULT <label> <window> <rows/s> <µs/row of the first pid>} and
 * {@code TOTAL <label> <batches sent> <batches acknowledged> <rows acknowledged> <batches failed>}.
 */
public final class TimedRestLoad {
    private record Snapshot(long nanos, long rows, long[] cpu) {
    }

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        String label = a[2];
        int rows = a.length > 3 ? Integer.parseInt(a[3]) : 2000;
        int threads = a.length > 4 ? Integer.parseInt(a[4]) : 4;
        double cold = a.length > 5 ? Double.parseDouble(a[5]) : 30;
        double warm = a.length > 6 ? Double.parseDouble(a[6]) : 10;
        double timed = a.length > 7 ? Double.parseDouble(a[7]) : 30;
        String[] pids = a.length > 8 && !a[8].isEmpty() ? a[8].split(",") : new String[0];
        String dbms = a.length > 9 ? a[9] : "bench";
        String table = a.length > 10 ? a[10] : "rest";

        String[] names = new String[pids.length];
        long[] pid = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            names[i] = pids[i].substring(0, pids[i].indexOf(':'));
            pid[i] = Long.parseLong(pids[i].substring(pids[i].indexOf(':') + 1));
        }
        RestPutClient client = new RestPutClient(host, port);
        byte[][] bodies = new byte[16][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = RestPutClient.body(i, rows);
        }
        AtomicLong next = new AtomicLong();
        AtomicLong ackedRows = new AtomicLong();
        AtomicLong ackedBatches = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        // a run tag in the marker row keeps batches of different runs apart (EdgeLake refuses repeated files)
        long tag = System.currentTimeMillis() % 1_000_000_000L * 1000;
        List<Thread> ts = new ArrayList<>();
        Snapshot start = snapshot(0, pid);
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    long b = next.getAndIncrement();
                    try {
                        int status = client.put(dbms, table, RestPutClient.unique(bodies[(int) (b % bodies.length)],
                                tag + b));
                        if (status == 200) {
                            ackedRows.addAndGet(rows);
                            ackedBatches.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, "HTTP " + status);
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            }, "rest-load-" + t);
            th.start();
            ts.add(th);
        }
        Snapshot s0 = start;
        Snapshot s1 = at(start.nanos, cold, ackedRows, pid);
        Snapshot s2 = at(s1.nanos, warm, ackedRows, pid);
        Snapshot s3 = at(s2.nanos, timed, ackedRows, pid);
        stop.set(true);
        for (Thread th : ts) {
            th.join();
        }
        if (cold > 0) {
            report(label, "cold", s0, s1, names);
        }
        report(label, "timed", s2, s3, names);
        long sent = next.get(); // a thread takes a number only when it sends it
        System.out.printf(Locale.ROOT, "%s: %,d batches sent (%,d rows), %,d acknowledged (%,d rows), %,d failed%s%n",
                label, sent, sent * rows, ackedBatches.get(), ackedRows.get(), failed.get(),
                failed.get() > 0 ? "; the first: " + firstFailure.get() : "");
        System.out.printf(Locale.ROOT, "TOTAL %s %d %d %d %d%n", label, sent, ackedBatches.get(), ackedRows.get(),
                failed.get());
    }

    private static Snapshot snapshot(long rows, long[] pid) {
        long[] cpu = new long[pid.length];
        for (int i = 0; i < pid.length; i++) {
            cpu[i] = ProcStat.cpuMicros(pid[i]);
        }
        return new Snapshot(System.nanoTime(), rows, cpu);
    }

    /** Sleeps until {@code seconds} after {@code from} and takes a snapshot. */
    private static Snapshot at(long from, double seconds, AtomicLong rows, long[] pid) throws InterruptedException {
        long until = from + (long) (seconds * 1e9);
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
        }
        return snapshot(rows.get(), pid);
    }

    private static void report(String label, String window, Snapshot from, Snapshot to, String[] names) {
        double secs = (to.nanos - from.nanos) / 1e9;
        long rows = to.rows - from.rows;
        double rps = rows / secs;
        StringBuilder cpu = new StringBuilder();
        double firstUs = Double.NaN;
        for (int i = 0; i < names.length; i++) {
            long us = to.cpu[i] - from.cpu[i];
            double perRow = rows == 0 || from.cpu[i] < 0 || to.cpu[i] < 0 ? Double.NaN : (double) us / rows;
            if (i == 0) {
                firstUs = perRow;
            }
            cpu.append(String.format(Locale.ROOT, "; %s CPU %.2f µs/row (%.2f s, %.0f %% of a core)", names[i], perRow,
                    us / 1e6, 100 * us / 1e6 / secs));
        }
        System.out.printf(Locale.ROOT, "%s %s: %.1f s, %,d rows acknowledged, %,.0f rows/s%s%n", label, window, secs,
                rows, rps, cpu);
        System.out.printf(Locale.ROOT, "RESULT %s %s %.0f %.3f%n", label, window, rps, firstUs);
    }
}
