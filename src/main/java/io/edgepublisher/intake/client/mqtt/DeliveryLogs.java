package io.edgepublisher.intake.client.mqtt;

import io.edgepublisher.streamer.MarkSink;
import io.edgepublisher.streamer.journal.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery logs of the node's message clients, by name, and the streamer's {@link MarkSink}: the marks of a
 * flushed (or recovered) buffer are appended to their clients' logs and fsync'd before the segment goes. At boot,
 * before any client runs, a log is opened just for that (see {@link DeliveryLog}).
 */
public final class DeliveryLogs implements MarkSink {
    private final Journal journal;
    private final Path dir;
    private final Map<String, DeliveryLog> open = new ConcurrentHashMap<>();

    public DeliveryLogs(Journal journal, Path dir) {
        this.journal = journal;
        this.dir = dir;
    }

    /** The log of a client id (opened once); null without a journal. */
    synchronized DeliveryLog open(String clientId) throws IOException {
        String name = MqttClientRoutes.safe(clientId);
        DeliveryLog d = open.get(name);
        if (d == null) {
            d = DeliveryLog.open(journal, dir.resolve(name + ".ids"));
            if (d != null) {
                open.put(name, d);
            }
        }
        return d;
    }

    @Override
    public void persist(List<byte[]> marks) throws IOException {
        Map<String, List<byte[]>> byLog = new LinkedHashMap<>();
        for (byte[] m : marks) {
            // a record's mark is one or more marks one after the other (a batch of messages appended together)
            int off = 0;
            while (off < m.length) {
                int n = m[off] & 0xff;
                if (off + 1 + n + 10 > m.length) {
                    break; // not one of ours
                }
                byLog.computeIfAbsent(new String(m, off + 1, n, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(Arrays.copyOfRange(m, off + 1 + n, off + 1 + n + 10));
                off += 1 + n + 10;
            }
        }
        for (Map.Entry<String, List<byte[]>> e : byLog.entrySet()) {
            DeliveryLog d = open(e.getKey());
            if (d != null) {
                d.persist(e.getValue());
            }
        }
    }
}
