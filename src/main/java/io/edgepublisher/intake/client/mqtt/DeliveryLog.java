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
import java.util.concurrent.CompletableFuture;

/**
 * Remembers, durably, which MQTT messages of a persistent session were journaled, so that a message the broker
 * delivers again after a crash (or a lost connection) is not stored twice.
 *
 * <p>The window: a QoS ≥ 1 message is acknowledged only after its rows are journaled. If the node dies between the
 * journal fsync and the PUBACK, the journal recovery puts the rows into a watch file, and the broker, which never saw
 * the PUBACK, sends the message again when the persistent session resumes (MQTT: same packet id, DUP flag set). So,
 * for each message the client records {@code (packet id, 64-bit payload digest)} in this log, in the same commit as
 * the rows (both go through the journal's committer before the acknowledgement). A message is a duplicate when the
 * last record for its packet id has the same digest and either the DUP flag is set or the record was not yet
 * released. After the acknowledgement a "released" record is appended (no fsync needed) — after that, MQTT says the
 * packet id may carry a new message, which is then only skipped if it is byte-identical and marked DUP (a
 * retransmission whose first copy was lost together with our connection).
 *
 * <p>File: {@code !journal_dir/msg-clients/<client id>.ids}, records in the journal's format (length, CRC-32C,
 * payload {@code type(1) packetId(2) digest(8)}); rewritten with one record per packet id when it grows past 4 MiB.
 * Packet ids are at most 65,535, so the map stays small. Thread-safe.
 */
final class DeliveryLog implements AutoCloseable {
    private static final byte JOURNALED = 1;
    private static final byte RELEASED = 2;
    private static final long COMPACT_AT = 4L << 20;

    private final Journal journal;
    private final Path path;
    private final Map<Integer, long[]> entries = new HashMap<>(); // id -> {digest, released 0/1}
    private JournalSegment log;
    private long written;

    private DeliveryLog(Journal journal, Path path) {
        this.journal = journal;
        this.path = path;
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

    /** Records a message about to be journaled; the future completes when the record is durable. */
    synchronized CompletableFuture<Void> journaled(int packetId, long digest) {
        entries.put(packetId, new long[] {digest, 0});
        long pos = append(JOURNALED, packetId, digest);
        return journal.durable(log, pos);
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
