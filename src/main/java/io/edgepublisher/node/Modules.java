package io.edgepublisher.node;

import io.edgepublisher.command.Method;
import io.edgepublisher.node.commands.NodeCommands;

/**
 * The one place where capabilities add their commands and process reporters to a node. A capability that is not
 * built yet is represented by placeholders, which a later install replaces.
 */
public final class Modules {
    private Modules() {
    }

    public static void install(Node node) {
        PendingCommands.install(node);
        NodeCommands.install(node);
        io.edgepublisher.store.StoreModule.install(node);
        io.edgepublisher.scheduler.SchedulerModule.install(node);
        io.edgepublisher.rest.RestModule.install(node);
        io.edgepublisher.ops.OpsModule.install(node);
        io.edgepublisher.ledger.LedgerModule.install(node);
        io.edgepublisher.wire.TcpModule.install(node);
        io.edgepublisher.streamer.StreamerModule.install(node);
        io.edgepublisher.intake.IntakeModule.install(node);
        io.edgepublisher.intake.kafka.KafkaModule.install(node);
        io.edgepublisher.publisher.PublisherModule.install(node);
    }

    /**
     * The services every capability binds at install, which the others (and the commands) look up by type: a node
     * that lacks one fails here, at boot, with Camel's {@link org.apache.camel.NoSuchBeanException} naming it.
     */
    public static final java.util.List<Class<?>> SERVICES = java.util.List.of(
        io.edgepublisher.store.Databases.class,
        io.edgepublisher.scheduler.SchedulerService.class,
        io.edgepublisher.ops.ReadinessProbes.class,
        io.edgepublisher.rest.RestExtensions.class,
        io.edgepublisher.ops.UserRouteChanges.class,
        io.edgepublisher.ledger.MetadataService.class,
        io.edgepublisher.ledger.sync.Synchronizer.class,
        io.edgepublisher.ledger.sync.SyncControl.class,
        io.edgepublisher.ledger.sync.LedgerMerger.class,
        io.edgepublisher.wire.inbound.LedgerFileReceiver.class,
        io.edgepublisher.wire.inbound.EchoListeners.class,
        io.edgepublisher.wire.PeerClient.class,
        io.edgepublisher.wire.client.JobRegistry.class,
        io.edgepublisher.streamer.StreamerService.class,
        io.edgepublisher.intake.IntakeModule.class,
        io.edgepublisher.intake.kafka.KafkaConsumers.class,
        io.edgepublisher.publisher.PublisherService.class,
        io.edgepublisher.publisher.routing.DistributionTable.class,
        io.edgepublisher.publisher.StreamerLink.class);

    /** Fails with Camel's {@link org.apache.camel.NoSuchBeanException} when a capability's service is not bound. */
    public static void verify(Node node) {
        for (Class<?> type : SERVICES) {
            Beans.get(node, type);
        }
    }
}
