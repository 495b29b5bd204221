package io.edgepublisher.intake.kafka;

import io.edgepublisher.streamer.MarkSink;
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
 * from the moment their rows are durable. Thread-safe.
 */
public final class KafkaOffsets implements MarkSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsets.class);
    private static final int OFFSET_BYTES = 8;

    private final Path file;
    private final Map<String, Long> durable = new ConcurrentHashMap<>();
    /** What the file holds (and is about to hold); guarded by this. */
    private final Map<String, Long> persisted = new TreeMap<>();

    KafkaOffsets(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t");
                    if (f.length == 4) {
                        String key = key(f[0], f[1], Integer.parseInt(f[2]));
                        long o = Long.parseLong(f[3]);
                        persisted.merge(key, o, Math::max);
                        durable.merge(key, o, Math::max);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a torn or unreadable file: the offsets in the journal's marks still come at the next flush
            LOG.warn("Kafka journaled offsets in {} not readable, starting without them: {}", file, e.toString());
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
            long o = 0;
            for (int i = 0; i < OFFSET_BYTES; i++) {
                o = (o << 8) | (m[1 + n + i] & 0xff);
            }
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
                write();
            }
        }
    }

    private void write() throws IOException {
        StringBuilder sb = new StringBuilder();
        persisted.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Fsync.replace(tmp, file);
    }
}
