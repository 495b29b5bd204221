package io.edgepublisher.publisher.routing.auto;

import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The automatic assignments in {@code !state_dir/auto-clusters.json}, so that a restart keeps every table in its
 * cluster:
 * <pre>{"auto_clusters": [{"dbms": "test", "table": "newtab", "cluster": "a348…", "cluster_name": "cluster1",
 *   "company": "BarsTest", "since": "2026-11-28T11:06:56Z", "taken_over": null}]}</pre>
 * Written whole to a temporary file, fsync'd and renamed over the old one: a crash leaves the old or the new file.
 */
public final class AutoPinFile {
    /** The file name under the state dir. */
    public static final String NAME = "auto-clusters.json";

    private final Path file;

    public AutoPinFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /**
     * The saved assignments, in file order; none when the file does not exist.
     *
     * @throws IOException when the file cannot be read or is not a valid assignments file (the message says why)
     */
    public List<AutoAssignment> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Object rows = JsonParser.parseObject(Files.readString(file, StandardCharsets.UTF_8)).get("auto_clusters");
            if (!(rows instanceof List)) {
                throw new IOException("no \"auto_clusters\" list");
            }
            List<AutoAssignment> out = new ArrayList<>();
            for (Object o : (List<?>) rows) {
                if (!(o instanceof Map)) {
                    throw new IOException("an entry is not an object: " + PyJson.dumps(o));
                }
                Map<?, ?> m = (Map<?, ?>) o;
                out.add(new AutoAssignment(text(m, "dbms"), text(m, "table"), text(m, "cluster"),
                    (String) m.get("cluster_name"), (String) m.get("company"), Instant.parse(text(m, "since")),
                    m.get("taken_over") == null ? null : Instant.parse((String) m.get("taken_over")), 0));
            }
            return out;
        } catch (JsonException | ClassCastException | DateTimeParseException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Replaces the file with these assignments (counters are not saved). */
    public void save(List<AutoAssignment> assignments) throws IOException {
        List<Object> rows = new ArrayList<>();
        for (AutoAssignment a : assignments) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dbms", a.dbms());
            m.put("table", a.table());
            m.put("cluster", a.clusterId());
            m.put("cluster_name", a.clusterName());
            m.put("company", a.company());
            m.put("since", a.since().toString());
            m.put("taken_over", a.takenOver() == null ? null : a.takenOver().toString());
            rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("auto_clusters", rows);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, PyJson.dumps(doc) + "\n", StandardCharsets.UTF_8);
        Fsync.replace(tmp, file);
    }

    private static String text(Map<?, ?> m, String key) throws IOException {
        Object v = m.get(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            throw new IOException("an entry has no \"" + key + "\": " + PyJson.dumps(m));
        }
        return (String) v;
    }
}
