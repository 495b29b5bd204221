package io.edgepublisher.intake.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every offset commit of this node, in three steps: the commit mark with the commit's token
 * ({@link KafkaOffsets#committing}, fsync'd), the synchronous commit carrying the token and its lineage
 * ({@link KafkaLineage}) as metadata, the confirmed mark ({@link KafkaOffsets#confirmed}). A kill between the first and
 * the last step leaves records whose fate the group's commit tells at the next start (docs/SCALING.md).
 *
 * <p>Test seam: the system property {@value #HALT} ({@code intended:<n>}, {@code confirmed:<n>} or {@code stall:<n>})
 * halts the JVM (or blocks the committing thread for good) at the n-th commit of a batch, right after the commit mark or
 * right after the broker's answer. Only the tests set it.
 */
final class KafkaCommits {
    static final String HALT = "edgepublisher.test.kafkaHalt";
    private static final String HALT_AT = System.getProperty(HALT, "");
    private static final java.util.concurrent.atomic.AtomicInteger BATCH_COMMITS =
        new java.util.concurrent.atomic.AtomicInteger();

    private KafkaCommits() {
    }

    /**
     * Commits {@code next} (partition → next offset to read) of {@code group}; {@code base} gives each partition's
     * lineage. {@code batch}: a commit of stored records (what the test seam counts).
     *
     * @throws java.io.UncheckedIOException when the commit mark cannot be written (nothing is committed)
     * @throws RuntimeException what {@code commitSync} throws (the commit may or may not have reached the broker)
     */
    static void commit(KafkaOffsets offsets, Consumer<?, ?> consumer, String group, Map<TopicPartition, Long> next,
            Function<TopicPartition, List<String>> base, boolean batch) {
        String token = offsets.nextToken();
        try {
            offsets.committing(group, next, token);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("commit mark not written, offsets not committed", e);
        }
        int n = batch && !HALT_AT.isEmpty() ? BATCH_COMMITS.incrementAndGet() : 0;
        halt("intended", n);
        halt("stall", n);
        Map<TopicPartition, OffsetAndMetadata> due = new HashMap<>();
        next.forEach((tp, o) -> due.put(tp, new OffsetAndMetadata(o, KafkaLineage.metadata(token, base.apply(tp)))));
        consumer.commitSync(due);
        halt("confirmed", n);
        offsets.confirmed(group, next);
    }

    private static void halt(String where, int n) {
        if (n == 0 || !HALT_AT.equals(where + ":" + n)) {
            return;
        }
        System.err.println("KafkaCommits test seam: " + where + " at batch commit " + n);
        System.err.flush();
        if (where.equals("stall")) {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // the test kills the node
                }
            }
        }
        Runtime.getRuntime().halt(137);
    }
}
