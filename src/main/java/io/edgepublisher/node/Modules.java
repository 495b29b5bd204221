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
        for (String p : new String[] {"run tcp server", "run message broker", "run blockchain sync",
            "exit synchronizer", "blockchain prepare policy", "blockchain insert", "blockchain push",
            "blockchain reload metadata", "blockchain load metadata", "run msg client", "run mqtt client",
            "set buffer threshold", "run streamer", "flush buffers",
            "exit msg client", "exit mqtt", "run client",
            "run rest server", "connect dbms", "create table", "run scheduler", "schedule"}) {
            PendingCommands.pending(node, p, Method.POST);
        }
        for (String p : new String[] {"blockchain get", "get streaming", "get msg client", "info table"}) {
            PendingCommands.pending(node, p, Method.GET);
        }
        NodeCommands.install(node);
        io.edgepublisher.store.StoreModule.install(node);
        io.edgepublisher.scheduler.SchedulerModule.install(node);
        io.edgepublisher.rest.RestModule.install(node);
        io.edgepublisher.publisher.PublisherModule.install(node);
    }
}
