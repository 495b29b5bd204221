package io.edgepublisher.publisher.routing;

import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code set data distribution} entries (COMMANDS.md §4.16): key → destinations with a round-robin position,
 * persisted atomically in {@code !state_dir/distribution.json}, and the per-destination counters of
 * {@code get publisher distribution} (since the node started). Lives as long as the node, not the publisher run.
 * Thread-safe.
 */
public final class DistributionTable {
    private static final Logger LOG = LoggerFactory.getLogger(DistributionTable.class);

    /** One entry; {@code table} (or both) may be {@code *}. */
    public record Entry(String dbms, String table, List<String> dests) {
        public String key() {
            return dbms + "." + table;
        }

        int rank() {
            return dbms.equals("*") ? 2 : table.equals("*") ? 1 : 0;
        }
    }

    /** Counters of one (key, destination). */
    public static final class Counters {
        long files;
        long errors;
        long lastSent;

        public long files() {
            return files;
        }

        public long errors() {
            return errors;
        }

        /** Epoch millis of the last accepted file, 0 if never. */
        public long lastSent() {
            return lastSent;
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, Counters> counters = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** @param file {@code !state_dir/distribution.json}, or null to keep the entries in memory only */
    public DistributionTable(Path file) {
        this.file = file;
    }

    /** Called after every change (re-evaluates files waiting for a route). */
    public void onChange(Runnable r) {
        listeners.add(r);
    }

    /** Replaces the destinations of the key and resets its position; persists; tells the listeners. */
    public void set(String dbms, String table, List<String> dests) throws IOException {
        synchronized (this) {
            Entry e = new Entry(dbms, table, List.copyOf(dests));
            Map<String, Entry> next = new LinkedHashMap<>(entries);
            next.put(e.key(), e);
            persist(next);
            entries.put(e.key(), e);
            positions.put(e.key(), 0);
        }
        changed();
    }

    /** Removes the key (absent is fine); persists; tells the listeners. */
    public void remove(String dbms, String table) throws IOException {
        synchronized (this) {
            String key = dbms + "." + table;
            if (!entries.containsKey(key)) {
                return;
            }
            Map<String, Entry> next = new LinkedHashMap<>(entries);
            next.remove(key);
            persist(next);
            entries.remove(key);
            positions.remove(key);
        }
        changed();
    }

    /** The entry deciding a file of (dbms, table): {@code dbms.table}, else {@code dbms.*}, else {@code *.*}. */
    public synchronized Entry lookup(String dbms, String table) {
        Entry e = entries.get(dbms + "." + table);
        if (e == null) {
            e = entries.get(dbms + ".*");
        }
        if (e == null) {
            e = entries.get("*.*");
        }
        return e;
    }

    /** §4.2: from the key's position, the first destination not in cooldown; the position moves past it. */
    public synchronized String next(Entry e, Predicate<String> inCooldown) {
        List<String> d = e.dests();
        int n = d.size();
        int p = positions.getOrDefault(e.key(), 0) % n;
        for (int i = 0; i < n; i++) {
            String dest = d.get((p + i) % n);
            if (!inCooldown.test(dest)) {
                positions.put(e.key(), (p + i + 1) % n);
                return dest;
            }
        }
        return null;
    }

    public synchronized void delivered(String key, String dest, long now) {
        Counters c = counters.computeIfAbsent(key + "|" + dest, k -> new Counters());
        c.files++;
        c.lastSent = now;
    }

    public synchronized void failed(String key, String dest) {
        counters.computeIfAbsent(key + "|" + dest, k -> new Counters()).errors++;
    }

    /** A row of {@code get publisher distribution}. */
    public record Row(String dbms, String table, String dest, long files, long errors, long lastSent) {
    }

    /** Rows in key order {@code dbms.table}, {@code dbms.*}, {@code *.*}; destinations in list order. */
    public synchronized List<Row> rows() {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingInt(Entry::rank).thenComparing(Entry::dbms).thenComparing(Entry::table));
        List<Row> out = new ArrayList<>();
        for (Entry e : sorted) {
            for (String d : e.dests()) {
                Counters c = counters.get(e.key() + "|" + d);
                out.add(new Row(e.dbms(), e.table(), d, c == null ? 0 : c.files, c == null ? 0 : c.errors,
                    c == null ? 0 : c.lastSent));
            }
        }
        return out;
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Boot: restores the persisted entries (a damaged file is logged and ignored). */
    public void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            Object parsed = JsonParser.parse(Files.readString(file, StandardCharsets.UTF_8));
            synchronized (this) {
                for (Object o : (List<?>) parsed) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    List<String> dests = new ArrayList<>();
                    for (Object d : (List<?>) m.get("dest")) {
                        dests.add((String) d);
                    }
                    Entry e = new Entry((String) m.get("dbms"), (String) m.get("table"), List.copyOf(dests));
                    entries.put(e.key(), e);
                }
            }
            LOG.info("Restored {} data distribution entries from {}", entries.size(), file);
        } catch (IOException | io.edgepublisher.json.JsonException | RuntimeException e) {
            LOG.error("Data distribution file {} not restored: {}", file, e.toString());
        }
        changed();
    }

    private void persist(Map<String, Entry> next) throws IOException {
        if (file == null) {
            return;
        }
        List<Object> out = new ArrayList<>();
        for (Entry e : next.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dbms", e.dbms());
            m.put("table", e.table());
            m.put("dest", new ArrayList<>(e.dests()));
            out.add(m);
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, PyJson.dumps(out) + "\n", StandardCharsets.UTF_8);
        Fsync.replace(tmp, file);
    }

    private void changed() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("Distribution change listener failed", e);
            }
        }
    }
}
