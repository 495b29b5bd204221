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

    private final Path file;
    private final Path commitFile;
    private final Map<String, Long> durable = new ConcurrentHashMap<>();
    /** What the file holds (and is about to hold); guarded by this. */
    private final Map<String, Long> persisted = new TreeMap<>();
    /** Per partition the highest offset this node committed or is committing (next offset to read); guarded by this. */
    private final Map<String, Long> committed = new TreeMap<>();
    /** The commit marks found at boot: what recovery compares with. */
    private final Map<String, Long> committedAtBoot;

    KafkaOffsets(Path file) {
        this.file = file;
        this.commitFile = file.resolveSibling("committed");
        read(file, persisted);
        persisted.forEach((k, o) -> durable.merge(k, o, Math::max));
        read(commitFile, committed);
        // records below the commit mark are stored on this node (kept by recovery), the others are dropped by it
        committed.forEach((k, next) -> durable.merge(k, next - 1, Math::max));
        committedAtBoot = Map.copyOf(committed);
    }

    private static void read(Path file, Map<String, Long> into) {
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length == 4) {
                        into.merge(key(f[0], f[1], Integer.parseInt(f[2])), Long.parseLong(f[3]), Math::max);
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

    /**
     * Records, durably, that this node is about to commit {@code next} (the next offset to read) for each partition
     * of {@code group}; call before the commit reaches the broker. One file replace and fsync per call.
     */
    void committing(String group, Map<org.apache.kafka.common.TopicPartition, Long> next) throws IOException {
        synchronized (this) {
            boolean changed = false;
            for (Map.Entry<org.apache.kafka.common.TopicPartition, Long> e : next.entrySet()) {
                String key = key(group, e.getKey().topic(), e.getKey().partition());
                Long old = committed.get(key);
                if (old == null || old < e.getValue()) {
                    committed.put(key, e.getValue());
                    changed = true;
                }
            }
            if (changed) {
                write(commitFile, committed);
            }
        }
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
                write(commitFile, committed);
            } catch (IOException e) {
                LOG.warn("Kafka commit marks in {} not rewritten: {}", commitFile, e.toString());
            }
        }
    }

    /** The commit mark of a partition (next offset to read), -1 when this node never committed it. */
    long committed(String group, String topic, int partition) {
        synchronized (this) {
            Long o = committed.get(key(group, topic, partition));
            return o == null ? -1 : o;
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
        int n = m[0] & 0xff;
        if (m.length != 1 + n + OFFSET_BYTES) {
            return null;
        }
        String key = new String(m, 1, n, StandardCharsets.UTF_8);
        Long next = committedAtBoot.get(key);
        if (next == null || key.split("\t").length != 3) {
            return null;
        }
        long o = offset(m, n);
        synchronized (this) {
            Long inFile = persisted.get(key);
            if (o < next || (inFile != null && o <= inFile)) {
                return null;
            }
        }
        return "Kafka " + key.replace('\t', ' ');
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
            int n = m[0] & 0xff;
            if (m.length != 1 + n + OFFSET_BYTES) {
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
                write(file, persisted);
            }
        }
    }

    private static void write(Path file, Map<String, Long> offsets) throws IOException {
        StringBuilder sb = new StringBuilder();
        offsets.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Fsync.replace(tmp, file);
    }
}
