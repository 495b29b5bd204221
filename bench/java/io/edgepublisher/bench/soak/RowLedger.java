package io.edgepublisher.bench.soak;

import io.edgepublisher.wire.testing.ReceivedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Per row id of one table: was it sent, acknowledged, and how often did it reach the operator double. Ids are dense
 * (0, 1, 2, … in sending order), so plain arrays hold the state. Thread-safe by synchronisation.
 */
final class RowLedger {
    private final String table;
    private byte[] state = new byte[1 << 16]; // bit 0 sent, bit 1 acknowledged
    private byte[] copies = new byte[1 << 16]; // times delivered, saturating at 100
    private long maxId = -1;
    private long unknown; // delivered ids that were never sent

    RowLedger(String table) {
        this.table = table;
    }

    String table() {
        return table;
    }

    synchronized void sent(long from, int n) {
        grow(from + n);
        for (long i = from; i < from + n; i++) {
            state[(int) i] |= 1;
        }
        maxId = Math.max(maxId, from + n - 1);
    }

    synchronized void acknowledged(long from, int n) {
        grow(from + n);
        for (long i = from; i < from + n; i++) {
            state[(int) i] |= 2;
        }
    }

    synchronized void delivered(long id) {
        if (id < 0 || id > maxId || (state[(int) id] & 1) == 0) {
            unknown++;
            return;
        }
        if (copies[(int) id] < 100) {
            copies[(int) id]++;
        }
    }

    private void grow(long size) {
        if (size > state.length) {
            int n = (int) Math.max(size, state.length * 2L);
            state = Arrays.copyOf(state, n);
            copies = Arrays.copyOf(copies, n);
        }
    }

    /** sent, acknowledged, delivered (distinct), missing (acknowledged, never delivered), duplicated (extra copies),
     * delivered without acknowledgement, unknown ids. */
    synchronized long[] counts() {
        long sent = 0;
        long acked = 0;
        long delivered = 0;
        long missing = 0;
        long dup = 0;
        long unackedDelivered = 0;
        for (int i = 0; i <= maxId; i++) {
            boolean s = (state[i] & 1) != 0;
            boolean a = (state[i] & 2) != 0;
            int c = copies[i];
            sent += s ? 1 : 0;
            acked += a ? 1 : 0;
            delivered += c > 0 ? 1 : 0;
            missing += a && c == 0 ? 1 : 0;
            dup += c > 1 ? c - 1 : 0;
            unackedDelivered += !a && c > 0 ? 1 : 0;
        }
        return new long[] {sent, acked, delivered, missing, dup, unackedDelivered, unknown};
    }

    /** Acknowledged ids not delivered yet. */
    synchronized long missing() {
        return counts()[3];
    }

    /**
     * Reads the files the operator double received since the last call and counts their rows by table and id. A file
     * whose name arrived before is an identical re-send (the name holds the content's hash): an EdgeLake operator
     * refuses it, so its rows are counted apart, not as duplicates.
     */
    static final class Reader {
        private final List<RowLedger> ledgers;
        private final Set<String> names = new HashSet<>();
        private int next;
        private long resentFiles;
        private long resentRows;
        private long badLines;

        Reader(List<RowLedger> ledgers) {
            this.ledgers = ledgers;
        }

        synchronized void read(List<ReceivedFile> files) throws IOException {
            for (; next < files.size(); next++) {
                ReceivedFile f = files.get(next);
                String[] parts = f.storedName().split("\\.");
                RowLedger ledger = ledgers.stream().filter(l -> parts.length > 1 && l.table.equals(parts[1]))
                        .findFirst().orElse(null);
                String text = Files.readString(f.path(), StandardCharsets.UTF_8);
                boolean resent = !names.add(f.storedName());
                if (resent) {
                    resentFiles++;
                }
                for (String line : text.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int i = line.indexOf("\"id\":");
                    if (ledger == null || i < 0) {
                        badLines++;
                        continue;
                    }
                    int from = i + 5;
                    while (from < line.length() && line.charAt(from) == ' ') {
                        from++;
                    }
                    int to = from;
                    while (to < line.length() && Character.isDigit(line.charAt(to))) {
                        to++;
                    }
                    if (to == from) {
                        badLines++;
                    } else if (resent) {
                        resentRows++;
                    } else {
                        ledger.delivered(Long.parseLong(line.substring(from, to)));
                    }
                }
            }
        }

        synchronized long resentFiles() {
            return resentFiles;
        }

        synchronized long resentRows() {
            return resentRows;
        }

        synchronized long badLines() {
            return badLines;
        }
    }
}
