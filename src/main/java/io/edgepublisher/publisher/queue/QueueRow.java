package io.edgepublisher.publisher.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One row of {@code get publisher queue} (§10.4). {@code nextAttemptSec} is -1 when nothing is scheduled. */
public record QueueRow(String dbms, String table, int queued, int inFlight, int waitingRoute, int backoff,
                       int pinned, long oldestSec, long nextAttemptSec, String lastError) {

    static List<QueueRow> of(Collection<Lane> lanes, Collection<QueuedFile> files, long now) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, long[]> times = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        for (QueuedFile f : files) {
            String k = f.file.dbms() + "\u0000" + f.file.table();
            int[] c = counts.computeIfAbsent(k, x -> new int[5]);
            long[] t = times.computeIfAbsent(k, x -> new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
            c[0]++;
            switch (f.state) {
                case SENDING -> c[1]++;
                case WAITING_ROUTE -> c[2]++;
                case BACKOFF -> {
                    c[3]++;
                    t[1] = Math.min(t[1], f.nextAttempt);
                }
                default -> { }
            }
            if (f.pinned != null) {
                c[4]++;
            }
            t[0] = Math.min(t[0], f.fileTime);
            if (!f.lastError.isEmpty()) {
                errors.put(k, f.lastError);
            }
        }
        List<QueueRow> out = new ArrayList<>();
        counts.forEach((k, c) -> {
            int z = k.indexOf('\u0000');
            long[] t = times.get(k);
            long next = t[1] == Long.MAX_VALUE ? -1 : Math.max(0, (t[1] - now + 999) / 1000);
            out.add(new QueueRow(k.substring(0, z), k.substring(z + 1), c[0], c[1], c[2], c[3], c[4],
                Math.max(0, (now - t[0]) / 1000), next, errors.getOrDefault(k, "")));
        });
        return out;
    }
}
