package io.edgepublisher.publisher.stats;

import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.publisher.queue.QueueRow;
import io.edgepublisher.publisher.routing.auto.AutoAssignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outputs of {@code get publisher} (PUBLISHER.md §10), table and JSON. */
public final class PublisherReports {
    private PublisherReports() {
    }

    /** §10.1. */
    public static String files(List<PublisherStats.Row> rows, boolean json) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (PublisherStats.Row r : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> tables = (Map<String, Object>) out.computeIfAbsent(r.dbms(),
                    k -> new LinkedHashMap<String, Object>());
                @SuppressWarnings("unchecked")
                Map<String, Object> dests = (Map<String, Object>) tables.computeIfAbsent(r.table(),
                    k -> new LinkedHashMap<String, Object>());
                dests.put(r.dest(), List.of(r.files(), r.errors(), r.lastError()));
            }
            return PyJson.dumps(out);
        }
        List<List<Object>> out = new ArrayList<>();
        String prevDbms = null;
        String prevTable = null;
        for (PublisherStats.Row r : rows) {
            boolean sameDbms = r.dbms().equals(prevDbms);
            boolean sameTable = sameDbms && r.table().equals(prevTable);
            out.add(List.of(sameDbms ? "" : r.dbms(), sameTable ? "" : r.table(), r.dest(), r.files(), r.errors(),
                r.lastError()));
            prevDbms = r.dbms();
            prevTable = r.table();
        }
        return TableFormatter.of(List.of("DBMS", "Table", "Destination", "Files", "Errors", "Err Message"))
            .withHeader("\nStats: PUBLISHER FILES").format(out);
    }

    /** §10.2: the fields in order. */
    public static String summary(Map<String, Object> fields, boolean json) {
        if (json) {
            return PyJson.dumps(fields);
        }
        List<String> titles = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        fields.forEach((k, v) -> {
            titles.add(Character.toUpperCase(k.charAt(0)) + k.substring(1));
            row.add(v);
        });
        return TableFormatter.of(titles).withHeader("\nStats: PUBLISHER SUMMARY").format(List.of(row));
    }

    /** §10.3. */
    public static String config(Map<String, Object> fields, boolean json) {
        if (json) {
            return PyJson.dumps(fields);
        }
        List<List<Object>> rows = new ArrayList<>();
        fields.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return TableFormatter.of(List.of("Option", "Value")).withHeader("\nStats: PUBLISHER CONFIG").format(rows);
    }

    /** §10.4. */
    public static String queue(List<QueueRow> rows, boolean json) {
        if (json) {
            List<Object> out = new ArrayList<>();
            for (QueueRow r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dbms", r.dbms());
                m.put("table", r.table());
                m.put("queued", r.queued());
                m.put("in_flight", r.inFlight());
                m.put("waiting_route", r.waitingRoute());
                m.put("backoff", r.backoff());
                m.put("pinned", r.pinned());
                m.put("oldest_sec", r.oldestSec());
                m.put("next_attempt_sec", r.nextAttemptSec() < 0 ? null : r.nextAttemptSec());
                m.put("last_error", r.lastError());
                out.add(m);
            }
            return PyJson.dumps(out);
        }
        List<List<Object>> out = new ArrayList<>();
        for (QueueRow r : rows) {
            out.add(List.of(r.dbms(), r.table(), r.queued(), r.inFlight(), r.waitingRoute(), r.backoff(), r.pinned(),
                hms(r.oldestSec()), r.nextAttemptSec() < 0 ? "" : Long.toString(r.nextAttemptSec()), r.lastError()));
        }
        return TableFormatter.of(List.of("DBMS", "Table", "Queued", "In Flight", "Waiting Route", "Backoff", "Pinned",
            "Oldest", "Next Attempt", "Last Error")).withHeader("\nStats: PUBLISHER QUEUE").format(out);
    }

    /**
     * The automatic cluster assignments of new tables ({@code new_table_cluster = auto}): table, cluster, since when,
     * whether the ledger took over, and the files delivered by each since the node started. Table form: empty text
     * when there is none (so the reports that append it stay as they were).
     */
    public static String autoAssignments(List<AutoAssignment> rows, boolean json) {
        if (json) {
            List<Object> out = new ArrayList<>();
            for (AutoAssignment a : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dbms", a.dbms());
                m.put("table", a.table());
                m.put("cluster", a.clusterName());
                m.put("cluster_id", a.clusterId());
                m.put("company", a.company());
                m.put("since", AUTO_TIME.format(a.since()));
                m.put("metadata_took_over", a.takenOver() == null ? null : AUTO_TIME.format(a.takenOver()));
                m.put("files", a.files());
                out.add(m);
            }
            return PyJson.dumps(out);
        }
        if (rows.isEmpty()) {
            return "";
        }
        List<List<Object>> out = new ArrayList<>();
        for (AutoAssignment a : rows) {
            out.add(List.of(a.dbms(), a.table(), String.valueOf(a.clusterName()), a.clusterId(),
                String.valueOf(a.company()), AUTO_TIME.format(a.since()),
                a.takenOver() == null ? "no" : "yes, " + AUTO_TIME.format(a.takenOver()), a.files()));
        }
        return TableFormatter.of(List.of("DBMS", "Table", "Cluster", "Cluster ID", "Company", "Since",
            "Metadata Took Over", "Files")).withHeader("\nAutomatic cluster assignments (new_table_cluster = auto)")
            .format(out);
    }

    private static final java.time.format.DateTimeFormatter AUTO_TIME = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** {@code HH:MM:SS} (hours may exceed 24). */
    public static String hms(long seconds) {
        long s = Math.max(0, seconds);
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
