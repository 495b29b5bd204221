package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two windows of docs/SCALING.md, without Camel or a broker: a streamer, its journal and {@link KafkaOffsets}.
 * Window 1 (killed between the commit mark and the confirmed mark): journaled records between the two are held in the
 * journal at recovery and settled by the group's commit — kept when the commit reached the broker, dropped when it did
 * not, kept when the lineage cannot tell. Window 2: a buffer is not cut into a file while a Kafka record in it is not
 * confirmed.
 */
class KafkaHeldRecordsTest {
    static final BufferKey KEY = BufferKey.of("kdb", "rows");
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private StreamingBuffers open(KafkaOffsets offsets, long volume) throws Exception {
        ThresholdTable t = new ThresholdTable();
        t.set(null, null, 3600L, volume);
        StreamingBuffers b = new StreamingBuffers(new StreamerDirs(Files.createDirectories(home.resolve("prep")),
            Files.createDirectories(home.resolve("watch")), Files.createDirectories(home.resolve("err"))),
            Journal.open(home.resolve("journal"), JournalMode.ALWAYS), t, CLOCK);
        b.setMarkSink(offsets);
        b.setRecoveryFilter(offsets);
        return b;
    }

    private static String row(long offset) {
        return "{\"o\":" + offset + "}";
    }

    /**
     * A node confirmed offsets up to 5, marked and sent the commit of 6..9 (token {@code …​.3}), journaled 4..11 and
     * was killed. Returns the path of the offsets file.
     */
    private Path killedInWindowOne(String[] token) throws Exception {
        Path file = home.resolve("journal/kafka/offsets");
        KafkaOffsets before = new KafkaOffsets(file);
        StreamingBuffers b = open(before, 100_000_000L);
        before.committing("g", Map.of(P0, 4L), before.nextToken());
        before.confirmed("g", Map.of(P0, 4L));
        before.committing("g", Map.of(P0, 6L), before.nextToken());
        before.confirmed("g", Map.of(P0, 6L));
        token[0] = before.nextToken();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (long o = 4; o <= 11; o++) {
            acks.add(b.appendAsync(KEY, row(o), 1, KafkaOffsets.mark("g", "t", 0, o)));
        }
        acks.add(b.appendAsync(KEY, "{\"o\":\"plain\"}", 1, null));
        acks.forEach(CompletableFuture::join);
        before.committing("g", Map.of(P0, 10L), token[0]);
        // kill -9 here: the broker's answer never came back
        return file;
    }

    private Map<TopicPartition, OffsetAndMetadata> group(String metadata) {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
        m.put(P0, metadata == null ? null : new OffsetAndMetadata(6, metadata));
        return m;
    }

    @Test
    void recordsBetweenConfirmedAndCommitMarkAreHeldThenDroppedWhenTheCommitNeverReachedTheBroker() throws Exception {
        String[] token = new String[1];
        Path file = killedInWindowOne(token);
        KafkaOffsets after = new KafkaOffsets(file);
        StreamingBuffers again = open(after, 100_000_000L);
        again.recover();
        // held: no file, the segment stays, the skip threshold stays below the uncertain records
        assertEquals(Map.of(), files(home.resolve("watch")));
        assertEquals(1, segments().size());
        assertEquals(1, again.heldSegments());
        assertEquals(Set.of(P0), after.held("g"));
        assertEquals(5, after.last("g", "t", 0));
        after.onResolved(() -> recoverHeld(again));

        // the next owner started from this process's previous commit (…2): …3 never reached the broker
        String previous = token[0].substring(0, token[0].lastIndexOf('.')) + ".2";
        assertEquals(1, after.resolve("g", group("ep1 0000beef.1 " + previous)));
        String kept = String.join("\n", row(4), row(5), "{\"o\":\"plain\"}");
        assertEquals(Map.of(name(kept), kept), files(home.resolve("watch")));
        assertEquals(List.of(), segments());
        assertEquals(Set.of(), after.held("g"));
        assertEquals(5, after.last("g", "t", 0));
        // durable: the commit mark went back to the confirmed one
        assertEquals("g\tt\t0\t6\t" + token[0] + "\n", Files.readString(file.resolveSibling("committed")));
    }

    @Test
    void heldRecordsAreKeptWhenTheCommitReachedTheBroker() throws Exception {
        String[] token = new String[1];
        Path file = killedInWindowOne(token);
        KafkaOffsets after = new KafkaOffsets(file);
        StreamingBuffers again = open(after, 100_000_000L);
        again.recover();
        after.onResolved(() -> recoverHeld(again));
        // another node took the partition over from exactly that commit
        assertEquals(1, after.resolve("g", group("ep1 0000beef.1 " + token[0])));
        String kept = String.join("\n", row(4), row(5), row(6), row(7), row(8), row(9), "{\"o\":\"plain\"}");
        assertEquals(Map.of(name(kept), kept), files(home.resolve("watch")));
        assertEquals(9, after.last("g", "t", 0));
        assertEquals("g\tt\t0\t10\n", Files.readString(file.resolveSibling("confirmed")));
    }

    @Test
    void heldRecordsAreKeptWhenTheLineageCannotTell() throws Exception {
        String[] token = new String[1];
        Path file = killedInWindowOne(token);
        KafkaOffsets after = new KafkaOffsets(file);
        StreamingBuffers again = open(after, 100_000_000L);
        again.recover();
        after.onResolved(() -> recoverHeld(again));
        assertEquals(1, after.resolve("g", group("committed by another tool")));
        String kept = String.join("\n", row(4), row(5), row(6), row(7), row(8), row(9), "{\"o\":\"plain\"}");
        assertEquals(Map.of(name(kept), kept), files(home.resolve("watch")));
    }

    @Test
    void theDecisionSurvivesAKillBeforeTheHeldSegmentIsRecovered() throws Exception {
        String[] token = new String[1];
        Path file = killedInWindowOne(token);
        KafkaOffsets after = new KafkaOffsets(file);
        open(after, 100_000_000L).recover();
        String previous = token[0].substring(0, token[0].lastIndexOf('.')) + ".2";
        after.resolve("g", group("ep1 " + previous)); // killed before the segment was recovered again
        KafkaOffsets third = new KafkaOffsets(file);
        StreamingBuffers b = open(third, 100_000_000L);
        b.recover();
        assertEquals(0, b.heldSegments());
        String kept = String.join("\n", row(4), row(5), "{\"o\":\"plain\"}");
        assertEquals(Map.of(name(kept), kept), files(home.resolve("watch")));
    }

    @Test
    void aBufferWithUnconfirmedKafkaRecordsIsNotCutIntoAFile() throws Exception {
        KafkaOffsets offsets = new KafkaOffsets(home.resolve("journal/kafka/offsets"));
        StreamingBuffers b = open(offsets, 10); // every append crosses the volume threshold
        offsets.committing("g", Map.of(P0, 3L), offsets.nextToken());
        offsets.confirmed("g", Map.of(P0, 3L));
        b.appendAsync(KEY, row(3), 1, KafkaOffsets.mark("g", "t", 0, 3)).join();
        b.appendAsync(KEY, row(4), 1, KafkaOffsets.mark("g", "t", 0, 4)).join();
        // neither the threshold nor "flush buffers" cuts it while offsets 3 and 4 are not committed
        assertEquals(List.of(), b.flushAll());
        b.tick(CLOCK.millis());
        assertEquals(Map.of(), files(home.resolve("watch")));
        // the commit of 3 alone is not enough
        offsets.committing("g", Map.of(P0, 4L), offsets.nextToken());
        offsets.confirmed("g", Map.of(P0, 4L));
        assertEquals(List.of(), b.flushAll());
        // a rows-only buffer of another table is not held
        BufferKey other = BufferKey.of("kdb", "other");
        b.appendAsync(other, "{\"m\":1}", 1, null).join();
        assertEquals(List.of(other), b.flushAll().stream().map(f -> f.key()).toList());
        // once the broker confirmed the commit covering offset 4, the next trigger cuts the file
        offsets.committing("g", Map.of(P0, 5L), offsets.nextToken());
        offsets.confirmed("g", Map.of(P0, 5L));
        b.tick(CLOCK.millis());
        String both = row(3) + "\n" + row(4);
        assertTrue(files(home.resolve("watch")).containsKey(name(both)), files(home.resolve("watch")).toString());
    }

    @Test
    void aWaitingBufferIsCutAsSoonAsItsCommitIsConfirmed() throws Exception {
        KafkaOffsets offsets = new KafkaOffsets(home.resolve("journal/kafka/offsets"));
        StreamingBuffers b = open(offsets, 10); // every append crosses the volume threshold
        offsets.onConfirmed(b::cutWaiting); // as KafkaModule wires it
        b.appendAsync(KEY, row(7), 1, KafkaOffsets.mark("g", "t", 0, 7)).join();
        b.appendAsync(KEY, row(8), 1, KafkaOffsets.mark("g", "t", 0, 8)).join();
        assertEquals(Map.of(), files(home.resolve("watch")));
        // the confirmation alone cuts the file: no tick, no "flush buffers", no further append
        offsets.committing("g", Map.of(P0, 9L), offsets.nextToken());
        offsets.confirmed("g", Map.of(P0, 9L));
        assertEquals(List.of(name(row(7) + "\n" + row(8))), List.copyOf(files(home.resolve("watch")).keySet()));
    }

    private static void recoverHeld(StreamingBuffers b) {
        try {
            b.recoverHeld();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String name(String text) {
        return DataFileName.of(KEY, DataHash.md5("kdb", "rows", text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> s = Files.list(home.resolve("journal"))) {
            return s.filter(p -> p.toString().endsWith(".jnl")).toList();
        }
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
