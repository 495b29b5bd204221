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
}
