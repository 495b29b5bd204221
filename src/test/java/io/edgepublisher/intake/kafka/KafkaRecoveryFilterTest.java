package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.DataFileName;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.streamer.StreamerDirs;
import io.edgepublisher.streamer.StreamingBuffers;
import io.edgepublisher.streamer.ThresholdTable;
import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal recovery after a {@code kill -9} with the node's commit marks (docs/SCALING.md): journaled Kafka records at
 * or past the commit mark of their partition are dropped (Kafka delivers them again), the others are flushed; records
 * of a partition this node never committed, records without a mark and MQTT marks are kept; so are records at or
 * below an offset a data file already holds. Without Camel: a streamer, its journal and {@link KafkaOffsets}.
 */
class KafkaRecoveryFilterTest {
    static final BufferKey KEY = BufferKey.of("kdb", "rows");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private StreamerDirs dirs() throws Exception {
        return new StreamerDirs(Files.createDirectories(home.resolve("prep")),
            Files.createDirectories(home.resolve("watch")), Files.createDirectories(home.resolve("err")));
    }

    private StreamingBuffers open(KafkaOffsets offsets) throws Exception {
        ThresholdTable t = new ThresholdTable();
        t.set(null, null, 3600L, 100_000_000L);
        StreamingBuffers b = new StreamingBuffers(dirs(), Journal.open(home.resolve("journal"), JournalMode.ALWAYS),
            t, CLOCK);
        b.setMarkSink(offsets);
        b.setRecoveryFilter(offsets);
        return b;
    }

    private static String row(String what) {
        return "{\"r\":\"" + what + "\"}";
    }

    @Test
    void recoveryDropsExactlyTheRecordsPastTheCommitMark() throws Exception {
        Path file = home.resolve("journal/kafka/offsets");
        KafkaOffsets before = new KafkaOffsets(file);
        // committed (next offset to read): partition 0 up to 4, partition 1 up to 2; partition 2 never committed
        before.committing("g", Map.of(new TopicPartition("t", 0), 5L, new TopicPartition("t", 1), 3L));
        before.committing("g", Map.of(new TopicPartition("t", 0), 4L)); // never goes back
        // another table's flush put partition 0 offset 6 into a data file before it was committed
        before.persist(List.of(KafkaOffsets.mark("g", "t", 0, 6)));
        StreamingBuffers b = open(before);
        byte[] mqtt = new byte[1 + 3 + 10];
        mqtt[0] = 3;
        Object[][] appended = {
            {"p0-3", KafkaOffsets.mark("g", "t", 0, 3)},
            {"plain", null},
            {"p0-5", KafkaOffsets.mark("g", "t", 0, 5)},
            {"p1-2", KafkaOffsets.mark("g", "t", 1, 2)},
            {"p0-4", KafkaOffsets.mark("g", "t", 0, 4)},
            {"p1-3", KafkaOffsets.mark("g", "t", 1, 3)},
            {"p0-6", KafkaOffsets.mark("g", "t", 0, 6)},
            {"p0-7", KafkaOffsets.mark("g", "t", 0, 7)},
            {"p1-4", KafkaOffsets.mark("g", "t", 1, 4)},
            {"p2-9", KafkaOffsets.mark("g", "t", 2, 9)},
            {"other-group-p1-8", KafkaOffsets.mark("h", "t", 1, 8)},
            {"mqtt", mqtt},
        };
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Object[] a : appended) {
            acks.add(b.appendAsync(KEY, row((String) a[0]), 1, (byte[]) a[1]));
        }
        for (CompletableFuture<?> f : acks) {
            f.join();
        }
        // kill -9: the buffers are abandoned, nothing is flushed

        KafkaOffsets after = new KafkaOffsets(file);
        StreamingBuffers again = open(after);
        again.recover();

        String kept = String.join("\n", row("p0-3"), row("plain"), row("p0-5"), row("p1-2"), row("p0-4"),
            row("p0-6"), row("p2-9"), row("other-group-p1-8"), row("mqtt"));
        String name = DataFileName.of(KEY, DataHash.md5("kdb", "rows", kept.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of(name, kept), files(home.resolve("watch")));
        try (Stream<Path> s = Files.list(home.resolve("journal"))) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".jnl")).toList(), "segments recovered");
        }
        // the skip threshold: what is stored here; p0-7, p1-3 and p1-4 are read again from Kafka and stored then
        assertEquals(6, after.last("g", "t", 0));
        assertEquals(2, after.last("g", "t", 1));
        assertEquals(9, after.last("g", "t", 2));
        assertEquals(8, after.last("h", "t", 1));
        assertEquals("g\tt\t0\t5\ng\tt\t1\t3\n", Files.readString(file.resolveSibling("committed")));
        assertEquals(5, after.committed("g", "t", 0));
        assertEquals(-1, after.committed("g", "t", 2));
    }

    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }
}
