package io.edgepublisher.intake.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions one Kafka client (one {@code threads} member of a consumer) holds, kept by its rebalance listener,
 * which wraps camel-kafka's. It is what makes a rebalance re-deliver nothing:
 * <ul>
 * <li><b>assigned</b>: the partition's fetch position is moved past the offsets this node has already stored
 * ({@link KafkaOffsets}; they are also committed), and that position becomes the partition's <i>floor</i>;</li>
 * <li><b>revoked</b> (or lost): durable offsets not yet committed are committed (revoked only) and the partition is
 * dropped; camel-kafka's batching may still hold records of it from earlier polls: {@link KafkaBatchIngest} drops
 * them, because the partition's next owner reads them from the committed offset.</li>
 * </ul>
 * Every commit goes through {@link KafkaCommits}: commit mark first (when that cannot be written, nothing is
 * committed), then the commit carrying its token and this partition's lineage — the chain of the group's commit read
 * at the assignment ({@link KafkaLineage}) — then the confirmed mark. The group's commits read at the assignment also
 * settle records this node holds since a kill, before the skip threshold is used; a partition that leaves with an
 * unanswered commit is settled the same way ({@link KafkaOffsets#unconfirmed}). The listener and the batch run on the client's own polling thread; the maps are concurrent for the report.
 */
final class PartitionOwnership implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);

    private final KafkaConsumerHandle handle;
    private final KafkaOffsets offsets;
    private final Consumer<?, ?> consumer;
    private final ConsumerRebalanceListener delegate;
    /** Held partitions and their floor: records below it were fetched before the assignment. */
    private final Map<TopicPartition, Long> floor = new ConcurrentHashMap<>();
    /** The next offset to commit for a held partition (last durable + 1), and what was committed. */
    private final Map<TopicPartition, Long> durable = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    /** Per held partition the lineage its commits carry ({@link KafkaLineage}): the chain found at its assignment. */
    private final Map<TopicPartition, java.util.List<String>> base = new ConcurrentHashMap<>();

    PartitionOwnership(KafkaConsumerHandle handle, KafkaOffsets offsets, Consumer<?, ?> consumer,
            ConsumerRebalanceListener delegate) {
        this.handle = handle;
        this.offsets = offsets;
        this.consumer = consumer;
        this.delegate = delegate;
    }

    Consumer<?, ?> consumer() {
        return consumer;
    }

    KafkaConsumerHandle handle() {
        return handle;
    }

    /** True when a record of {@code tp} at {@code offset} was fetched under the current assignment. */
    boolean current(TopicPartition tp, long offset) {
        Long f = floor.get(tp);
        return f != null && offset >= f;
    }

    /** The rows of every record of {@code tp} up to {@code offset} are durable here. */
    void durable(TopicPartition tp, long offset) {
        durable.merge(tp, offset + 1, Math::max);
    }

    /** Commits, synchronously, each held partition's durable offset that is not committed yet; returns how many. */
    int commit() {
        Map<TopicPartition, OffsetAndMetadata> due = new java.util.HashMap<>();
        durable.forEach((tp, next) -> {
            Long c = committed.get(tp);
            if (floor.containsKey(tp) && (c == null || c < next)) {
                due.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (due.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> next = new java.util.HashMap<>();
        due.forEach((tp, o) -> next.put(tp, o.offset()));
        commit(next, true);
        due.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
        return due.size();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        try {
            if (commit() > 0) {
                handle.committed();
            }
        } catch (RuntimeException e) {
            handle.commitFailed(e.getMessage());
            LOG.warn("Kafka consumer {}: commit before a rebalance failed, the next owner may read records again: {}",
                handle.id(), e.toString());
        }
        unconfirmed(partitions);
        forget(partitions);
        delegate.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        unconfirmed(partitions);
        forget(partitions);
        delegate.onPartitionsLost(partitions);
    }

    /**
     * Partitions leave this node while a commit of them is unanswered: their records past the confirmed commit stay
     * out of files until the group's commit tells whether it reached the broker (at once when the broker answers).
     */
    private void unconfirmed(Collection<TopicPartition> partitions) {
        java.util.Set<TopicPartition> open = offsets.unconfirmed(handle.options().groupId(), partitions);
        if (!open.isEmpty()) {
            resolve(open);
        }
    }

    /** Asks the group's commits of {@code partitions} and settles this node's uncertain records of them. */
    private Map<TopicPartition, OffsetAndMetadata> resolve(java.util.Set<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> c = new java.util.HashMap<>(
                consumer.committed(partitions, java.time.Duration.ofSeconds(10)));
            partitions.forEach(tp -> c.putIfAbsent(tp, null));
            offsets.resolve(handle.options().groupId(), c);
            return c;
        } catch (org.apache.kafka.common.errors.WakeupException
                | org.apache.kafka.common.errors.InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Kafka consumer {}: the group's commits of {} not read, their uncertain records stay held: {}",
                handle.id(), partitions, e.toString());
            return null;
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        delegate.onPartitionsAssigned(partitions);
        // the group's commits: their lineage becomes this node's base, and they settle records held since a kill
        // (before the skip threshold is read: it rises when they are kept)
        Map<TopicPartition, OffsetAndMetadata> groupCommits = resolve(new java.util.HashSet<>(partitions));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = groupCommits == null ? null : groupCommits.get(tp);
            base.put(tp, KafkaLineage.base(c == null ? null : c.metadata()));
        }
        Map<TopicPartition, Long> fresh = new java.util.HashMap<>();
        for (TopicPartition tp : partitions) {
            long position = -1;
            try {
                position = consumer.position(tp);
                long last = offsets.last(handle.options().groupId(), tp.topic(), tp.partition());
                if (last >= position) {
                    // stored here before (a restart after kill -9, or the partition came back): skip them, and
                    // commit, so that no other member reads them again either. After a kill -9, "last" is this
                    // node's commit mark or a data file's offset: the records it had journaled past them were
                    // dropped by journal recovery, and are read and stored again now.
                    LOG.info("Kafka consumer {}: {} offsets {} to {} are journaled on this node already; resuming at"
                        + " {}", handle.id(), tp, position, last, last + 1);
                    handle.skipped(last + 1 - position);
                    position = last + 1;
                    consumer.seek(tp, position);
                    durable.merge(tp, position, Math::max);
                    commit(Map.of(tp, position), false);
                    committed.merge(tp, position, Math::max);
                } else if (offsets.committed(handle.options().groupId(), tp.topic(), tp.partition()) < 0) {
                    fresh.put(tp, position);
                }
            } catch (org.apache.kafka.common.errors.WakeupException
                    | org.apache.kafka.common.errors.InterruptException e) {
                floor.put(tp, position);
                throw e; // the consumer is stopping
            } catch (RuntimeException e) {
                // the broker did not answer: records already journaled are still skipped by their offsets
                LOG.warn("Kafka consumer {}: position of {} not known at its assignment: {}", handle.id(), tp,
                    e.toString());
            }
            floor.put(tp, position);
        }
        if (!fresh.isEmpty()) {
            // first time this node holds these partitions: mark and commit where it starts (one write, one commit),
            // so that records it journals and drops at a recovery are read again from there, whatever the reset
            try {
                commit(fresh, false);
                fresh.forEach((tp, o) -> committed.merge(tp, o, Math::max));
            } catch (org.apache.kafka.common.errors.WakeupException
                    | org.apache.kafka.common.errors.InterruptException e) {
                offsets.forget(handle.options().groupId(), fresh.keySet());
                throw e;
            } catch (RuntimeException e) {
                // no mark without the commit: recovery keeps these partitions' records (no duplicate-free promise)
                offsets.forget(handle.options().groupId(), fresh.keySet());
                LOG.warn("Kafka consumer {}: first commit of {} failed: {}", handle.id(), fresh.keySet(),
                    e.toString());
            }
        }
    }

    /** The commit mark first, then the commit with its lineage, then the confirmed mark ({@link KafkaCommits}). */
    private void commit(Map<TopicPartition, Long> next, boolean batch) {
        KafkaCommits.commit(offsets, consumer, handle.options().groupId(), next,
            tp -> base.getOrDefault(tp, java.util.List.of()), batch);
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            floor.remove(tp);
            base.remove(tp);
            durable.remove(tp);
            committed.remove(tp);
        }
    }
}
