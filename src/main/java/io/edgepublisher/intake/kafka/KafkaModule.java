package io.edgepublisher.intake.kafka;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.ops.ReadinessProbes;
import io.edgepublisher.streamer.MarkSink;
import io.edgepublisher.streamer.StreamerModule;
import io.edgepublisher.streamer.StreamingBuffers;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;

/**
 * Installs Kafka intake on a node (after {@code IntakeModule}): the commands, the live {@code Kafka Consumer} row of
 * {@code get processes}, the {@code kafka-consumers} readiness check, and the stop of every consumer before the
 * buffers are flushed at shutdown.
 */
public final class KafkaModule {
    private KafkaModule() {
    }

    public static void install(Node node) {
        StreamingBuffers buffers = StreamerModule.service(node).buffers();
        KafkaOffsets offsets = new KafkaOffsets(node.dirs().dir("journal_dir").resolve("kafka").resolve("offsets"));
        // set before boot phase 0, so recovery moves the offsets of recovered segments into the file
        MarkSink others = buffers.markSink();
        buffers.setMarkSink(new MarkSink() {
            @Override
            public void persist(java.util.List<byte[]> marks) throws java.io.IOException {
                others.persist(marks);
                offsets.persist(marks);
            }

            @Override
            public boolean ready(java.util.List<byte[]> marks) {
                // a buffer with Kafka records is cut once their commits are confirmed (docs/SCALING.md)
                return others.ready(marks) && offsets.ready(marks);
            }
        });
        // a buffer whose cut waited for a commit is cut as soon as the broker confirmed it
        offsets.onConfirmed(buffers::cutWaiting);
        // records between a partition's confirmed and commit marks at boot are held until the group's commit tells
        offsets.onResolved(() -> {
            try {
                buffers.recoverHeld();
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(KafkaModule.class).warn("Held journal segments not recovered yet:"
                    + " {}", e.toString());
            }
        });
        // records past this node's commit marks are read again from Kafka: recovery drops them
        buffers.setRecoveryFilter(offsets);
        KafkaConsumers consumers = new KafkaConsumers(node, offsets);
        Beans.bind(node, KafkaConsumers.class, consumers);
        IntakeModule.of(node).kafkaIngest(new KafkaBatchIngest(consumers::get, consumers.subscriptions(), offsets,
            IntakeModule.of(node).messages(), buffers.storage(),
            c -> consumers.get(c.id()) == c && Routes.isStarted(node, c.routeId())));
        node.commands().register(new RunKafkaConsumerCommand());
        node.commands().register(new GetKafkaConsumerCommand());
        node.commands().register(new ExitKafkaCommand());
        node.processes().register("Kafka Consumer", () -> row(node, consumers));
        node.configuration(Lifecycle.configuration(ctx -> {
            // camel-kafka's subscribeAdapter is looked up by this name when a consumer route is created
            ctx.getRegistry().bind(KafkaSubscriptions.REGISTRY_NAME, SubscribeAdapter.class, consumers.subscriptions());
            Lifecycle.afterStart(node, ctx, () -> Beans.get(node, ReadinessProbes.class).add("kafka-consumers", () -> {
                for (KafkaConsumerHandle c : consumers.all()) {
                    KafkaGroupProbe.Snapshot s = c.snapshot();
                    if (s != null && !s.connected()) {
                        return ReadinessProbes.State.down("Kafka consumer " + c.id() + ": " + s.error());
                    }
                }
                return ReadinessProbes.State.ok();
            }));
            // Graceful stop steps run in reverse order: the consumers stop before the buffers flush.
            Lifecycle.beforeStop(ctx, consumers::exitAll);
        }));
    }

    static KafkaConsumers consumers(Node node) {
        return Beans.get(node, KafkaConsumers.class);
    }

    /** Running with each consumer's broker and state, as EdgeLake's "Kafka consumer configured to …" says more. */
    static ProcessStatus row(Node node, KafkaConsumers consumers) {
        if (consumers.isEmpty()) {
            return ProcessStatus.notDeclared("");
        }
        StringBuilder sb = new StringBuilder();
        boolean running = false;
        for (KafkaConsumerHandle c : consumers.all()) {
            sb.append(sb.length() == 0 ? "" : "; ").append("Consumer ").append(c.id()).append(" configured to ")
                .append(c.options().brokers()).append(": ");
            if (!Routes.isStarted(node, c.routeId())) {
                sb.append("route ").append(c.routeId()).append(" is ").append(Routes.status(node, c.routeId()));
                continue;
            }
            running = true;
            KafkaGroupProbe.Snapshot s = c.snapshot();
            sb.append(KafkaReport.connection(s));
            if (s != null && s.connected()) {
                sb.append(", ").append(s.assigned().size()).append(" partitions");
            }
        }
        return running ? ProcessStatus.running(sb.toString()) : ProcessStatus.notDeclared(sb.toString());
    }
}
