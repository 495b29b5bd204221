package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit mark comes first (docs/SCALING.md): whenever {@link PartitionOwnership} asks the broker to commit, the
 * offset is already in {@code !journal_dir/kafka/committed}; when the mark cannot be written nothing is committed.
 * A partition new to the node is marked and committed where the node starts reading it.
 * The broker is Kafka's own {@link MockConsumer}, which records what the commit sees on disk.
 */
class KafkaCommitMarkTest {
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);

    @TempDir
    Path dir;

    /** A broker that notes, at each commit, what the commit marks file held at that moment. */
    static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final Path marks;
        final List<String> seen = new ArrayList<>();

        RecordingConsumer(Path marks) {
            super(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
            this.marks = marks;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            StringBuilder sb = new StringBuilder();
            new java.util.TreeMap<>(offsets.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().partition(), e -> e.getValue().offset()))).forEach((p, o) -> sb.append(p).append('=')
                    .append(o).append(' '));
            try {
                seen.add(sb + "| " + Files.readString(marks).replace('\t', ' ').replace('\n', ';'));
            } catch (java.io.IOException e) {
                seen.add(sb + "| no marks");
            }
            super.commitSync(offsets);
        }
    }

    private static final ConsumerRebalanceListener NOOP = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    };

    @Test
    void theMarkIsOnDiskBeforeEachCommit() throws Exception {
        Path file = dir.resolve("kafka/offsets");
        KafkaOffsets offsets = new KafkaOffsets(file);
        offsets.persist(List.of(KafkaOffsets.mark("g", "t", 1, 4))); // partition 1 stored here up to 4 already
        RecordingConsumer broker = new RecordingConsumer(file.resolveSibling("committed"));
        broker.assign(List.of(P0, P1));
        broker.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        KafkaConsumerHandle handle = new KafkaConsumerHandle(1, new KafkaConsumerOptions("127.0.0.1:1", "earliest",
            "g", 1, 20, false, false, List.of(), new KafkaSecurity(null, null, null, null, null, null, null, null)),
            "test");
        PartitionOwnership owner = new PartitionOwnership(handle, offsets, broker, NOOP);

        // partition 0 is new to this node: its start is marked and committed; partition 1: skip to 5 and commit it
        owner.onPartitionsAssigned(List.of(P0, P1));
        owner.durable(P0, 9);
        assertEquals(1, owner.commit());
        owner.durable(P0, 11);
        owner.durable(P1, 6);
        assertEquals(2, owner.commit());
        assertEquals(0, owner.commit()); // nothing new: no commit, no mark

        // each mark carries its commit's token (this process, then the commit's number)
        String p = offsets.process();
        assertEquals(List.of("1=5 | g t 1 5 P.1;", "0=0 | g t 0 0 P.2;g t 1 5 P.1;", "0=10 | g t 0 10 P.3;g t 1 5 P.1;",
            "0=12 1=7 | g t 0 12 P.4;g t 1 7 P.4;"), broker.seen.stream().map(x -> x.replace(p + ".", "P."))
            .toList());
        assertEquals(12, offsets.committed("g", "t", 0));
        // the broker got the token as metadata; once it answered, the confirmed marks follow
        assertEquals("ep1 " + p + ".4", broker.committed(java.util.Set.of(P0)).get(P0).metadata());
        assertEquals("g\tt\t0\t12\ng\tt\t1\t7\n", Files.readString(file.resolveSibling("confirmed")));

        // the mark cannot be written: nothing is committed
        Files.createDirectories(file.resolveSibling("committed.tmp"));
        owner.durable(P0, 20);
        assertThrows(UncheckedIOException.class, owner::commit);
        assertEquals(4, broker.seen.size());
        assertEquals(12, broker.committed(java.util.Set.of(P0)).get(P0).offset());
        assertEquals(12, offsets.confirmed("g", "t", 0));
    }
}
