package io.edgepublisher.intake.client.mqtt;

import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalSegment;
import io.edgepublisher.streamer.journal.RecordCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, durably, which MQTT messages of a persistent session were journaled, so that a message the broker
 * delivers again after a crash (or a lost connection) is not stored twice.
 *
 * <p>The window: a QoS ≥ 1 message is acknowledged only after its rows are journaled. If the node dies between the
 * journal fsync and the PUBACK, journal recovery puts the rows into a watch file, and the broker, which never saw the
 * PUBACK, sends the message again when the persistent session resumes (same packet id, DUP flag set).
 *
 * <p>The design: the rows of each QoS ≥ 1 message are journaled with a <b>delivery mark</b> — client, packet id and a
 * 64-bit digest of the payload — inside the same journal record ({@code streamer.journal.DeliveryMarks}), so the mark
 * is durable exactly when the rows are, with no extra fsync per message. While the buffer is open the mark lives in its
 * segment; when the buffer is flushed (and at boot, when recovery flushes a segment) the marks are appended to this
 * log and fsync'd <i>before</i> the segment is deleted ({@link DeliveryLogs} is the streamer's {@code MarkSink}). The
 * client keeps the same entries in memory from the moment it journals a message. A delivery is a duplicate when the
 * last entry for its packet id has the same digest and either the DUP flag is set or the entry was not yet released.
 * After the acknowledgement a "released" record is appended (no fsync needed): MQTT lets the packet id carry a new
 * message from then on, which is only skipped if it is byte-identical and marked DUP (a retransmission whose first
 * copy was lost together with our connection). A message whose rows go to several buffers carries the mark in each
 * of its records.
 *
 * <p>File: {@code !journal_dir/msg-clients/<client id>.ids}, records in the journal's format (length, CRC-32C, payload
 * {@code type(1) packetId(2) digest(8)}); rewritten with one record per packet id when it grows past 4 MiB. Packet ids
 * are at most 65,535, so the map stays small. Thread-safe.
 */
final class DeliveryLog implements AutoCloseable {
    private static final byte JOURNALED = 1;
    private static final byte RELEASED = 2;
    private static final long COMPACT_AT = 4L << 20;

    private final Journal journal;
    private final Path path;
    private final String name;
    private final Map<Integer, long[]> entries = new HashMap<>(); // id -> {digest, released 0/1}
    private JournalSegment log;
    private long written;

    private DeliveryLog(Journal journal, Path path) {
        this.journal = journal;
        this.path = path;
        String f = path.getFileName().toString();
        this.name = f.endsWith(".ids") ? f.substring(0, f.length() - 4) : f;
    }

    String name() {
        return name;
    }

    /** Opens the log of one client; null when the journal is off ({@code EP_JOURNAL_SYNC=none}). */
    static DeliveryLog open(Journal journal, Path path) throws IOException {
        if (!journal.enabled()) {
            return null;
        }
        DeliveryLog d = new DeliveryLog(journal, path);
        if (Files.exists(path)) {
            byte[] data = Files.readAllBytes(path);
            RecordCodec.Decoded dec = RecordCodec.decode(data, data.length);
            for (int[] r : dec.payloads()) {
                if (r[1] == 11) {
                    d.apply(data, r[0]);
                }
            }
            d.written = dec.validLength();
            if (dec.validLength() < data.length) {
                d.rewrite(); // drop a torn tail: it was never acknowledged
            }
        }
        synchronized (d) {
            if (d.log == null) {
                d.log = journal.openLog(path);
            }
        }
        return d;
    }

    private void apply(byte[] b, int at) {
        int id = ((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff);
        long digest = 0;
        for (int i = 0; i < 8; i++) {
            digest = (digest << 8) | (b[at + 3 + i] & 0xff);
        }
        entries.put(id, new long[] {digest, b[at] == RELEASED ? 1 : 0});
    }

    /** True when this delivery repeats a message that is already journaled (see the class comment). */
    synchronized boolean isDuplicate(int packetId, long digest, boolean dupFlag) {
        long[] e = entries.get(packetId);
        return e != null && e[0] == digest && (dupFlag || e[1] == 0);
    }

    /**
     * Records, in memory, a message whose rows are being journaled with {@link #mark}; the durable copy is the mark in
     * the journal record, moved here by {@link #persist} at the flush.
     */
    synchronized void journaled(int packetId, long digest) {
        entries.put(packetId, new long[] {digest, 0});
    }

    /** The rows of a message could not be journaled: forget it, so that its redelivery is stored. */
    synchronized void forget(int packetId, long digest) {
        long[] e = entries.get(packetId);
        if (e != null && e[0] == digest && e[1] == 0) {
            entries.remove(packetId);
        }
    }

    /** The delivery mark of a message: log name, packet id, digest (decoded by {@link DeliveryLogs}). */
    byte[] mark(int packetId, long digest) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] m = new byte[1 + n.length + 10];
        m[0] = (byte) n.length;
        System.arraycopy(n, 0, m, 1, n.length);
        byte[] p = payload(JOURNALED, packetId, digest);
        System.arraycopy(p, 1, m, 1 + n.length, 10);
        return m;
    }

    /** Appends journaled records (packet id + digest, 10 bytes each) and fsyncs them: the flush of a buffer. */
    synchronized void persist(List<byte[]> idAndDigest) throws IOException {
        for (byte[] r : idAndDigest) {
            int id = ((r[0] & 0xff) << 8) | (r[1] & 0xff);
            long digest = 0;
            for (int i = 0; i < 8; i++) {
                digest = (digest << 8) | (r[2 + i] & 0xff);
            }
            long[] e = entries.get(id);
            if (e == null || e[0] != digest) {
                entries.put(id, new long[] {digest, 0}); // from recovery: not acknowledged yet
            }
            append(e != null && e[0] == digest && e[1] == 1 ? RELEASED : JOURNALED, id, digest);
        }
        journal.syncAll(log);
    }

    /** The message was acknowledged: its packet id may now carry a new message. */
    synchronized void released(int packetId, long digest) {
        long[] e = entries.get(packetId);
        if (e != null && e[0] == digest) {
            e[1] = 1;
            append(RELEASED, packetId, digest);
        }
    }

    private long append(byte type, int id, long digest) {
        byte[] p = payload(type, id, digest);
        written += RecordCodec.OVERHEAD + p.length;
        long pos = journal.append(log, p, 0, p.length);
        if (written > COMPACT_AT) {
            try {
                rewrite();
            } catch (IOException e) {
                // keep appending to the old file; compaction is retried at the next record
            }
        }
        return pos;
    }

    private static byte[] payload(byte type, int id, long digest) {
        byte[] p = new byte[11];
        p[0] = type;
        p[1] = (byte) (id >>> 8);
        p[2] = (byte) id;
        for (int i = 0; i < 8; i++) {
            p[3 + i] = (byte) (digest >>> (56 - 8 * i));
        }
        return p;
    }

    /** Writes the current map to a new file and swaps it in (write, fsync, rename, directory fsync). */
    private void rewrite() throws IOException {
        if (log != null) {
            log.closeLog(); // everything appended so far is durable: pending waiters complete
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        byte[] all = new byte[entries.size() * (RecordCodec.OVERHEAD + 11)];
        int at = 0;
        for (Map.Entry<Integer, long[]> e : entries.entrySet()) {
            byte[] rec = RecordCodec.encode(payload(e.getValue()[1] == 1 ? RELEASED : JOURNALED, e.getKey(),
                    e.getValue()[0]));
            System.arraycopy(rec, 0, all, at, rec.length);
            at += rec.length;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(all));
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log = journal.openLog(path);
        written = all.length;
    }

    /** Packet ids currently known (tests). */
    synchronized List<Integer> ids() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public synchronized void close() {
        if (log != null) {
            try {
                log.closeLog();
            } catch (IOException e) {
                // the records that matter were synced before their acknowledgements
            }
            log = null;
        }
    }
}
