package io.edgepublisher.streamer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code get streaming} counters (INTAKE.md §5.5) and their snapshot. */
final class Counters {
    private final ConcurrentHashMap<String, TableCounters> tables = new ConcurrentHashMap<>();
    volatile long lastFlushRows;

    TableCounters of(BufferKey key) {
        return tables.computeIfAbsent(key.dbmsTable(), k -> new TableCounters());
    }

    List<TableStatistics> statistics(Collection<StreamingBuffer> buffers, ThresholdTable thresholds, long nowMs) {
        Map<String, long[]> open = new TreeMap<>(); // cachedRows, max fill ppm, min time left ms, any open
        for (StreamingBuffer b : buffers) {
            synchronized (b) {
                long[] a = open.computeIfAbsent(b.key.dbmsTable(), k -> new long[] {0, 0, Long.MAX_VALUE, 0});
                if (b.isEmpty()) {
                    continue;
                }
                Thresholds t = b.thresholds();
                a[0] += b.rows();
                long ppm = t.volumeBytes() == 0 ? 1_000_000 : b.length() * 1_000_000L / t.volumeBytes();
                a[1] = Math.max(a[1], ppm);
                a[2] = Math.min(a[2], Math.max(0, t.timeSeconds() * 1000L - (nowMs - b.openMs())));
                a[3] = 1;
            }
        }
        Map<String, TableStatistics> out = new TreeMap<>();
        for (String table : union(open.keySet(), tables.keySet())) {
            int dot = table.indexOf('.');
            Thresholds t = thresholds.lookup(table.substring(0, dot), table.substring(dot + 1));
            long[] a = open.getOrDefault(table, new long[] {0, 0, Long.MAX_VALUE, 0});
            TableCounters c = tables.getOrDefault(table, new TableCounters());
            boolean anyOpen = a[3] == 1;
            out.put(table, new TableStatistics(table, c.putFiles.sum(), c.putRows.sum(), c.streamingCalls.sum(),
                    c.streamingRows.sum(), a[0], t.volumeBytes(), anyOpen ? a[1] / 10_000.0 : 0,
                    t.timeSeconds(), anyOpen ? (a[2] + 999) / 1000 : t.timeSeconds(), c.lastProcessMs.get()));
        }
        return new ArrayList<>(out.values());
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        TreeMap<String, Boolean> m = new TreeMap<>();
        a.forEach(k -> m.put(k, true));
        b.forEach(k -> m.put(k, true));
        return new ArrayList<>(m.keySet());
    }
}
