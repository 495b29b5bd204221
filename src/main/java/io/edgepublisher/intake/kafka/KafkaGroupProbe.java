package io.edgepublisher.intake.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@code get kafka consumer}, {@code get processes} and the readiness check show about a consumer: whether the
 * cluster answers, which partitions the group gave to this node's members, and the lag (end offset minus committed
 * offset) of those partitions. Asked through a Kafka Admin client with short timeouts and kept for two seconds, so a
 * health poll does not hammer the cluster and a dead broker does not block a command for long.
 */
public final class KafkaGroupProbe {
    private static final long KEEP_MS = 2_000;
    private static final long TIMEOUT_MS = 1_500;

    /** One view of the cluster; {@code error} is null when the cluster answered. */
    public record Snapshot(String error, List<String> brokers, List<TopicPartition> assigned, long lag, int members) {
        public boolean connected() {
            return error == null;
        }

        public String partitionsText() {
            TreeSet<String> s = new TreeSet<>();
            for (TopicPartition tp : assigned) {
                s.add(tp.topic() + "-" + tp.partition());
            }
            return String.join(",", s);
        }
    }

    private final KafkaConsumerHandle consumer;
    private final Admin admin;
    private Snapshot last;
    private long lastAt;

    KafkaGroupProbe(KafkaConsumerHandle consumer, Properties security) {
        this.consumer = consumer;
        Properties p = new Properties();
        p.putAll(security);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, consumer.options().brokers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, consumer.clientId() + "-probe");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(p);
    }

    synchronized Snapshot snapshot() {
        long now = System.currentTimeMillis();
        if (last == null || now - lastAt > KEEP_MS) {
            last = ask();
            lastAt = System.currentTimeMillis();
        }
        return last;
    }

    private Snapshot ask() {
        List<String> brokers = new ArrayList<>();
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            for (Node n : nodes) {
                brokers.add(n.host() + ":" + n.port());
            }
        } catch (Exception e) {
            return new Snapshot("Broker " + consumer.options().brokers() + " unreachable, reconnecting ("
                + reason(e) + ")", List.of(), List.of(), -1, 0);
        }
        String group = consumer.options().groupId();
        List<TopicPartition> mine = new ArrayList<>();
        int members = 0;
        long lag = 0;
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            for (MemberDescription m : d.members()) {
                members++;
                if (m.clientId().startsWith(consumer.clientId())) {
                    mine.addAll(m.assignment().topicPartitions());
                }
            }
            if (!mine.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                for (TopicPartition tp : mine) {
                    ask.put(tp, OffsetSpec.latest());
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(ask).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                for (TopicPartition tp : mine) {
                    OffsetAndMetadata c = committed.get(tp);
                    long end = ends.get(tp).offset();
                    lag += Math.max(0, end - (c == null ? 0 : c.offset()));
                }
            }
        } catch (Exception e) {
            return new Snapshot(null, brokers, mine, -1, members);
        }
        return new Snapshot(null, brokers, mine, lag, members);
    }

    /**
     * The group's commits of {@code partitions} (null for a partition without one), asked without joining the group;
     * throws when the cluster does not answer in time.
     */
    Map<TopicPartition, OffsetAndMetadata> groupCommits(java.util.Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(consumer.options().groupId())
            .partitionsToOffsetAndMetadata().get(5_000, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp, all.get(tp));
        }
        return out;
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
