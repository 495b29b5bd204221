package io.edgepublisher.intake.kafka;

import io.edgepublisher.streamer.MarkSink;
import io.edgepublisher.streamer.RecoveryFilter;
import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest offset per consumer group, topic and partition whose rows this node has journaled (node service, the
 * Kafka half of the streamer's {@link MarkSink}). With it a record that Kafka hands out again after this node
 * journaled it — after a {@code kill -9} between the journal fsync and the offset commit, or after a rebalance gave
 * the partition back — is skipped instead of stored twice.
 *
 * <p>Durability: every record's rows are journaled with a <b>delivery mark</b> (group, topic, partition, offset) in the
 * same journal record ({@code journal.DeliveryMarks}), so the offset is on disk exactly when the rows are. When the
 * buffer is flushed, or recovery flushes a segment at boot, the marks come here and are written to
 * {@code !journal_dir/kafka/offsets} (text, one {@code group<TAB>topic<TAB>partition<TAB>offset} line per partition;
 * replaced atomically and fsync'd) before the segment is deleted. While the node runs, offsets are also kept in memory
 * from the moment their rows are durable.
 *
 * <p>Commit marks: before it asks the broker to commit, the node writes the offsets it is about to commit to
 * {@code !journal_dir/kafka/committed} (same format, the next offset to read as Kafka commits it; replaced atomically
 * and fsync'd), so the broker never holds a commit of this node that the node does not know about. At boot, journal
 * recovery asks {@link #drop}: a journaled record at or past the node's commit mark of its partition was never
 * acknowledged to Kafka, which hands it out again (to this node or another member of the group), so its rows are
 * dropped instead of flushed — unless a data file already holds a record of that partition at or past it (the
 * journaled offsets), then it is kept. The skip threshold after a restart ({@link #last}) is thus the higher of the
 * commit mark and the journaled offsets. Thread-safe.
 */
public final class KafkaOffsets implements MarkSink, RecoveryFilter {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);
    private static final int OFFSET_BYTES = 8;

    /** A commit mark: the next offset to read, and the token of the commit (null in homes written without tokens). */
    record Mark(long next, String token) {
    }

    /**
     * Records of a partition whose commit this node never saw confirmed: {@code [from, to)}, under commit {@code token};
     * {@code live}: taken from a running node (its partition was lost with the commit unanswered), else from the boot.
     */
    record Uncertain(String group, String topic, int partition, long from, long to, String token, boolean live) {
    }

    private final Path file;
    private final Path commitFile;
    private final Path confirmFile;
    private final Map<String, Long> durable = new ConcurrentHashMap<>();
    /** What the file holds (and is about to hold); guarded by this. */
    private final Map<String, Long> persisted = new TreeMap<>();
    /** Per partition the highest offset this node committed or is committing (next offset to read); guarded by this. */
    private final Map<String, Mark> committed = new TreeMap<>();
    /** Per partition the highest commit the broker confirmed (next offset to read); read by flushing threads. */
    private final Map<String, Long> confirmed = new ConcurrentHashMap<>();
    /** Recovery drops a journaled record at or past this offset (the commit marks found at boot); guarded by this. */
    private final Map<String, Long> dropFrom = new TreeMap<>();
    /** Partitions with uncertain records, not resolved yet; guarded by this. */
    private final Map<String, Uncertain> uncertain = new TreeMap<>();
    private final String process = KafkaLineage.newProcess();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
    private volatile Runnable resolved = () -> { };

    KafkaOffsets(Path file) {
        this.file = file;
        this.commitFile = file.resolveSibling("committed");
        this.confirmFile = file.resolveSibling("confirmed");
        Map<String, Long> raw = new TreeMap<>();
        read(file, raw, null);
        persisted.putAll(raw);
        persisted.forEach((k, o) -> durable.merge(k, o, Math::max));
        Map<String, Long> marks = new TreeMap<>();
        Map<String, String> tokens = new TreeMap<>();
        read(commitFile, marks, tokens);
        Map<String, Long> sure = new TreeMap<>();
        read(confirmFile, sure, null);
        marks.forEach((k, next) -> {
            committed.put(k, new Mark(next, tokens.get(k)));
            dropFrom.put(k, next);
            Long c = sure.get(k);
            String token = tokens.get(k);
            if (token != null && (c == null || c < next)) {
                long from = c == null ? -1 : c;
                String[] f = k.split("\t");
                uncertain.put(k, new Uncertain(f[0], f[1], Integer.parseInt(f[2]), from, next, token, false));
                // the skip threshold stays below the uncertain records until they are resolved
                durable.merge(k, from - 1, Math::max);
                if (c != null) {
                    confirmed.put(k, c);
                }
            } else {
                // records below the commit mark are stored on this node (kept by recovery), the others are dropped
                durable.merge(k, next - 1, Math::max);
                confirmed.put(k, next);
            }
        });
    }

    private static void read(Path file, Map<String, Long> into, Map<String, String> tokens) {
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length == 4 || f.length == 5) {
                        String key = key(f[0], f[1], Integer.parseInt(f[2]));
                        into.merge(key, Long.parseLong(f[3]), Math::max);
                        if (tokens != null && f.length == 5) {
                            tokens.put(key, f[4]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // offsets: a torn or unreadable file, the offsets in the journal's marks still come at the next flush;
            // commit marks: replaced atomically, so only an I/O error; then recovery drops nothing
            LOG.warn("Kafka offsets in {} not readable, starting without them: {}", file, e.toString());
        }
    }

    static String key(String group, String topic, int partition) {
        return group + '\t' + topic + '\t' + partition;
    }

    /** Called after {@link #resolve} settled uncertain records: the streamer recovers the segments it held. */
    void onResolved(Runnable r) {
        this.resolved = r;
    }

    /** The highest offset of the partition whose rows are durable on this node, -1 when none. */
    public long last(String group, String topic, int partition) {
        Long o = durable.get(key(group, topic, partition));
        return o == null ? -1 : o;
    }

    /** Offsets of one group and topic, partition → last journaled offset (the {@code get kafka consumer} view). */
    Map<Integer, Long> of(String group, String topic) {
        Map<Integer, Long> out = new TreeMap<>();
        String prefix = group + '\t' + topic + '\t';
        durable.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(Integer.parseInt(k.substring(prefix.length())), v);
            }
        });
        return out;
    }

    /** A new commit token of this process ({@link KafkaLineage}). */
    String nextToken() {
        return KafkaLineage.token(process, sequence.incrementAndGet());
    }

    /** Tokens of commits by this process start with this. */
    String process() {
        return process;
    }

    /** {@link #committing(String, Map, String)} without a token (tests of homes written before tokens). */
    void committing(String group, Map<org.apache.kafka.common.TopicPartition, Long> next) throws IOException {
        committing(group, next, null);
    }

    /**
     * Records, durably, that this node is about to commit {@code next} (the next offset to read) for each partition
     * of {@code group} under commit {@code token}; call before the commit reaches the broker. One file replace and
     * fsync per call.
     */
    void committing(String group, Map<org.apache.kafka.common.TopicPartition, Long> next, String token)
            throws IOException {
        synchronized (this) {
            for (Map.Entry<org.apache.kafka.common.TopicPartition, Long> e : next.entrySet()) {
                String key = key(group, e.getKey().topic(), e.getKey().partition());
                Mark old = committed.get(key);
                committed.put(key, new Mark(old == null ? e.getValue() : Math.max(old.next(), e.getValue()), token));
            }
            write(commitFile, committed, true);
        }
    }

    /** The broker confirmed the commit of {@code next}: records below it may go into files. Not fsync'd. */
    void confirmed(String group, Map<org.apache.kafka.common.TopicPartition, Long> next) {
        boolean changed = false;
        for (Map.Entry<org.apache.kafka.common.TopicPartition, Long> e : next.entrySet()) {
            String key = key(group, e.getKey().topic(), e.getKey().partition());
            Long old = confirmed.get(key);
            if (old == null || old < e.getValue()) {
                confirmed.put(key, e.getValue());
                changed = true;
            }
        }
        if (changed) {
            synchronized (this) {
                try {
                    write(confirmFile, new TreeMap<>(confirmed), false);
                } catch (IOException e) {
                    // a stale file only makes the next recovery ask the broker about more records
                    LOG.warn("Kafka confirmed offsets in {} not written: {}", confirmFile, e.toString());
                }
            }
            for (Runnable r : confirmedListeners) {
                r.run();
            }
        }
    }

    private final List<Runnable> confirmedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code r} on the committing thread each time a commit confirmation advances a partition. */
    void onConfirmed(Runnable r) {
        confirmedListeners.add(r);
    }

    /** The confirmed commit of a partition (next offset to read), -1 when none. */
    long confirmed(String group, String topic, int partition) {
        Long o = confirmed.get(key(group, topic, partition));
        return o == null ? -1 : o;
    }

    /**
     * Takes back the commit marks of partitions this node had never committed before, when their first commit
     * failed; a failure to rewrite the file is logged (the marks then stay, as after a kill in that window).
     */
    void forget(String group, java.util.Set<org.apache.kafka.common.TopicPartition> partitions) {
        synchronized (this) {
            for (org.apache.kafka.common.TopicPartition tp : partitions) {
                committed.remove(key(group, tp.topic(), tp.partition()));
            }
            try {
                write(commitFile, committed, true);
            } catch (IOException e) {
                LOG.warn("Kafka commit marks in {} not rewritten: {}", commitFile, e.toString());
            }
        }
    }

    /** The commit mark of a partition (next offset to read), -1 when this node never committed it. */
    long committed(String group, String topic, int partition) {
        synchronized (this) {
            Mark o = committed.get(key(group, topic, partition));
            return o == null ? -1 : o.next();
        }
    }

    /**
     * A running node lost (or gave up) partitions while a commit of them was not confirmed: their records between the
     * confirmed and the commit mark stay out of files until {@link #resolve} settles them. Returns those partitions.
     */
    java.util.Set<org.apache.kafka.common.TopicPartition> unconfirmed(String group,
            java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) {
        java.util.Set<org.apache.kafka.common.TopicPartition> out = new java.util.HashSet<>();
        synchronized (this) {
            for (org.apache.kafka.common.TopicPartition tp : partitions) {
                String k = key(group, tp.topic(), tp.partition());
                Mark m = committed.get(k);
                Long c = confirmed.get(k);
                if (m != null && m.token() != null && (c == null || c < m.next()) && !uncertain.containsKey(k)) {
                    uncertain.put(k, new Uncertain(group, tp.topic(), tp.partition(), c == null ? -1 : c, m.next(),
                        m.token(), true));
                    out.add(tp);
                }
            }
        }
        return out;
    }

    /** The partitions of {@code group} with uncertain records not resolved yet. */
    java.util.Set<org.apache.kafka.common.TopicPartition> held(String group) {
        java.util.Set<org.apache.kafka.common.TopicPartition> out = new java.util.TreeSet<>(
            java.util.Comparator.comparing(org.apache.kafka.common.TopicPartition::toString));
        synchronized (this) {
            for (Uncertain u : uncertain.values()) {
                if (u.group().equals(group)) {
                    out.add(new org.apache.kafka.common.TopicPartition(u.topic(), u.partition()));
                }
            }
        }
        return out;
    }

    /** Every group with uncertain records not resolved yet. */
    java.util.Set<String> heldGroups() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        synchronized (this) {
            uncertain.values().forEach(u -> out.add(u.group()));
        }
        return out;
    }

    /**
     * Settles the uncertain records of {@code group} against the group's commits now ({@code committed}, partition →
     * its commit, null when none; partitions absent were not asked): kept when the commit reached the broker, dropped
     * when it did not (recovery leaves them out; the group delivers them again), kept with a warning when the chain
     * cannot tell. The decision is made durable before it is applied. Returns how many partitions were settled.
     */
    int resolve(String group, Map<org.apache.kafka.common.TopicPartition,
            org.apache.kafka.clients.consumer.OffsetAndMetadata> groupCommits) {
        int settled = 0;
        synchronized (this) {
            for (Map.Entry<org.apache.kafka.common.TopicPartition,
                    org.apache.kafka.clients.consumer.OffsetAndMetadata> e : groupCommits.entrySet()) {
                String k = key(group, e.getKey().topic(), e.getKey().partition());
                Uncertain u = uncertain.get(k);
                if (u == null) {
                    continue;
                }
                String meta = e.getValue() == null ? null : e.getValue().metadata();
                KafkaLineage.Outcome outcome = KafkaLineage.resolve(u.token(), meta);
                try {
                    settle(k, u, outcome);
                } catch (IOException ex) {
                    LOG.warn("Kafka {} {}: resolution of records {} to {} not saved, still held: {}", group,
                        e.getKey(), u.from(), u.to() - 1, ex.toString());
                    continue;
                }
                uncertain.remove(k);
                settled++;
                if (outcome == KafkaLineage.Outcome.UNKNOWN || (u.live() && outcome == KafkaLineage.Outcome.FAILED)) {
                    LOG.warn("Kafka {} {}: whether commit {} of records {} to {} reached the broker is {}; they are kept"
                        + " and may be stored twice", group, e.getKey(), u.token(), Math.max(0, u.from()), u.to() - 1,
                        outcome == KafkaLineage.Outcome.UNKNOWN ? "unknown (group commit: " + meta + ")"
                        : "no, and the node still holds them");
                } else {
                    LOG.info("Kafka {} {}: commit {} of records {} to {} {}", group, e.getKey(), u.token(),
                        Math.max(0, u.from()), u.to() - 1, outcome == KafkaLineage.Outcome.REACHED
                        ? "reached the broker: kept" : "never reached the broker: dropped, the group delivers them again");
                }
            }
        }
        if (settled > 0) {
            resolved.run();
        }
        return settled;
    }

    /** Under the lock: makes the decision durable, then applies it to the maps recovery and the flushes consult. */
    private void settle(String k, Uncertain u, KafkaLineage.Outcome outcome) throws IOException {
        Mark m = committed.get(k);
        if (outcome == KafkaLineage.Outcome.FAILED && !u.live()) {
            long back = Math.max(0, u.from());
            if (m != null && u.token().equals(m.token())) {
                committed.put(k, new Mark(back, m.token()));
                write(commitFile, committed, true);
            }
            dropFrom.put(k, back);
            confirmed.merge(k, back, Math::max);
        } else {
            confirmed.merge(k, u.to(), Math::max);
            write(confirmFile, new TreeMap<>(confirmed), true);
            if (!u.live()) {
                durable.merge(k, u.to() - 1, Math::max);
            }
        }
    }

    /**
     * Journal recovery: the record with this mark was never acknowledged to Kafka — at or past this node's commit
     * mark of its partition, and past every offset of it that a data file holds — so Kafka delivers it again and it
     * is dropped. A node marks and commits a partition the first time it is assigned, so only records of a home
     * written before commit marks existed have no mark: they are kept (with {@code reset = latest} Kafka might not
     * deliver them again), as are MQTT marks.
     */
    @Override
    public String drop(byte[] m) {
        int n = nameLength(m);
        if (n < 0) {
            return null;
        }
        String key = new String(m, 1, n, StandardCharsets.UTF_8);
        long o = offset(m, n);
        synchronized (this) {
            Long next = dropFrom.get(key);
            if (next == null || key.split("\t").length != 3) {
                return null;
            }
            Long inFile = persisted.get(key);
            if (o < next || (inFile != null && o <= inFile)) {
                return null;
            }
        }
        return "Kafka " + key.replace('\t', ' ');
    }

    /**
     * Journal recovery: the record with this mark lies between its partition's confirmed and commit marks and that is
     * not resolved yet: its segment is kept, without a file, until {@link #resolve}.
     */
    @Override
    public boolean hold(byte[] m) {
        int n = nameLength(m);
        if (n < 0) {
            return false;
        }
        String key = new String(m, 1, n, StandardCharsets.UTF_8);
        long o = offset(m, n);
        synchronized (this) {
            Uncertain u = uncertain.get(key);
            Long inFile = persisted.get(key);
            return u != null && o >= u.from() && o < u.to() && (inFile == null || o > inFile);
        }
    }

    /**
     * Whether a buffer holding records with these marks may be cut into a file: every Kafka record's commit is
     * confirmed (a file cannot be taken back; a record not committed is delivered again to whoever holds its
     * partition next). MQTT marks and unmarked rows do not count.
     */
    @Override
    public boolean ready(List<byte[]> marks) {
        java.nio.ByteBuffer lastName = null;
        long lastOffset = -1;
        Map<java.nio.ByteBuffer, Long> byName = null;
        for (byte[] m : marks) {
            int n = nameLength(m);
            if (n < 0) {
                continue;
            }
            java.nio.ByteBuffer name = java.nio.ByteBuffer.wrap(m, 1, n);
            long o = offset(m, n);
            if (name.equals(lastName)) {
                lastOffset = Math.max(lastOffset, o);
                continue;
            }
            if (lastName != null) {
                if (byName == null) {
                    byName = new java.util.HashMap<>();
                }
                byName.merge(lastName, lastOffset, Math::max);
            }
            lastName = name;
            lastOffset = o;
        }
        if (lastName == null) {
            return true;
        }
        if (byName == null) {
            byName = new java.util.HashMap<>();
        }
        byName.merge(lastName, lastOffset, Math::max);
        for (Map.Entry<java.nio.ByteBuffer, Long> e : byName.entrySet()) {
            String key = StandardCharsets.UTF_8.decode(e.getKey().duplicate()).toString();
            if (key.split("\t").length != 3) {
                continue;
            }
            Long c = confirmed.get(key);
            if (c == null || c <= e.getValue()) {
                return false;
            }
        }
        return true;
    }
    /** The length of a Kafka mark's name ({@link #mark}), or -1 when {@code m} is not a Kafka mark (MQTT's). */
    private static int nameLength(byte[] m) {
        int n = m[0] & 0xff;
        return m.length == 1 + n + OFFSET_BYTES ? n : -1;
    }

    private static long offset(byte[] m, int n) {
        long o = 0;
        for (int i = 0; i < OFFSET_BYTES; i++) {
            o = (o << 8) | (m[1 + n + i] & 0xff);
        }
        return o;
    }

    /** The rows of the record at {@code offset} are durable. */
    void journaled(String group, String topic, int partition, long offset) {
        durable.merge(key(group, topic, partition), offset, Math::max);
    }

    /**
     * The mark journaled with the rows of a record: name length (1 byte), {@code group TAB topic TAB partition}
     * (UTF-8), offset (8 bytes, big-endian); null when the name is longer than 255 bytes (such a partition is then
     * protected while the node runs, not across a crash). The length differs from the MQTT clients' marks, which is how
     * {@link #persist} and the MQTT delivery logs tell them apart.
     */
    static byte[] mark(String group, String topic, int partition, long offset) {
        byte[] name = key(group, topic, partition).getBytes(StandardCharsets.UTF_8);
        if (name.length > 255) {
            return null;
        }
        byte[] m = new byte[1 + name.length + OFFSET_BYTES];
        m[0] = (byte) name.length;
        System.arraycopy(name, 0, m, 1, name.length);
        for (int i = 0; i < OFFSET_BYTES; i++) {
            m[1 + name.length + i] = (byte) (offset >>> (56 - 8 * i));
        }
        return m;
    }

    @Override
    public void persist(List<byte[]> marks) throws IOException {
        // a flush brings one mark per record, a few partitions: compare names as bytes, decode each name once
        Map<java.nio.ByteBuffer, Long> byName = new java.util.HashMap<>();
        for (byte[] m : marks) {
            int n = nameLength(m);
            if (n < 0) {
                continue; // not one of ours
            }
            long o = offset(m, n);
            byName.merge(java.nio.ByteBuffer.wrap(m, 1, n), o, Math::max);
        }
        Map<String, Long> found = new TreeMap<>();
        byName.forEach((name, o) -> {
            String key = StandardCharsets.UTF_8.decode(name.duplicate()).toString();
            if (key.split("\t").length == 3) {
                found.merge(key, o, Math::max);
            }
        });
        if (found.isEmpty()) {
            return;
        }
        synchronized (this) {
            boolean changed = false;
            for (Map.Entry<String, Long> e : found.entrySet()) {
                Long old = persisted.get(e.getKey());
                if (old == null || old < e.getValue()) {
                    persisted.put(e.getKey(), e.getValue());
                    changed = true;
                }
                durable.merge(e.getKey(), e.getValue(), Math::max);
            }
            if (changed) {
                write(file, persisted, true);
            }
        }
    }

    private static void write(Path file, Map<String, ?> offsets, boolean fsync) throws IOException {
        StringBuilder sb = new StringBuilder();
        offsets.forEach((k, v) -> {
            sb.append(k).append('\t');
            if (v instanceof Mark m) {
                sb.append(m.next());
                if (m.token() != null) {
                    sb.append('\t').append(m.token());
                }
            } else {
                sb.append(v);
            }
            sb.append('\n');
        });
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        if (fsync) {
            Fsync.replace(tmp, file);
        } else {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
