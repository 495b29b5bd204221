package io.edgepublisher.intake.kafka;

import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of route {@code kafka-consumer-<n>}, after {@code direct:ingest} returned (also when it failed):
 * commits, synchronously, the offsets whose rows {@link KafkaBatchIngest} found durable, each through
 * {@link KafkaCommits} (commit mark, commit with its token and lineage, confirmed mark). A failed commit is counted and
 * logged; its records stay out of data files until a later commit is confirmed, or until the group's commit tells
 * whether it reached the broker (docs/SCALING.md).
 */
final class KafkaCommit implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommit.class);

    private final KafkaConsumerHandle consumer;
    private final KafkaOffsets offsets;

    KafkaCommit(KafkaConsumerHandle consumer, KafkaOffsets offsets) {
        this.consumer = consumer;
        this.offsets = offsets;
    }

    @Override
    public void process(Exchange batch) {
        @SuppressWarnings("unchecked")
        Set<PartitionOwnership> owners = batch.getProperty(KafkaBatchIngest.OWNERS, Set.class);
        @SuppressWarnings("unchecked")
        Map<TopicPartition, KafkaManualCommit> unowned = batch.getProperty(KafkaBatchIngest.UNOWNED, Map.class);
        if (owners != null) {
            for (PartitionOwnership o : owners) {
                try {
                    if (o.commit() > 0) {
                        consumer.committed();
                    }
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }
        if (unowned != null) {
            for (KafkaManualCommit c : unowned.values()) {
                try {
                    if (!(c instanceof DefaultKafkaManualCommit d)) {
                        continue; // no offset to mark: not committed, the records are read again and skipped
                    }
                    // marks and lineage as PartitionOwnership commits (no base: this client's assignments are not seen)
                    KafkaCommits.commit(offsets, d.getConsumer(), consumer.options().groupId(),
                        Map.of(d.getPartition(), d.getRecordOffset() + 1), tp -> java.util.List.of(), true);
                    consumer.committed();
                } catch (RuntimeException e) {
                    failed(e);
                }
            }
        }
    }

    private void failed(RuntimeException e) {
        consumer.commitFailed(e.getMessage());
        LOG.warn("Kafka consumer {}: offset commit failed, the records may be delivered again: {}", consumer.id(),
            e.toString());
    }
}
