package io.edgepublisher.publisher;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Source;
import io.edgepublisher.node.Routes;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.streamer.StreamerService;

import io.edgepublisher.node.Node;
import io.edgepublisher.publisher.commands.DistributionCommands;
import io.edgepublisher.publisher.commands.GetPublisherCommand;
import io.edgepublisher.publisher.commands.QueueCommands;
import io.edgepublisher.publisher.commands.RunPublisherCommand;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.scheduler.SchedulerService;
import java.nio.file.Path;

/** Installs the publisher: its service, commands, {@code get processes} row and lifecycle hooks. */
public final class PublisherModule {
    private static final long DAY_MILLIS = 86_400_000L;

    private PublisherModule() {
    }

    public static void install(Node node) {
        String state = node.dictionary().get("state_dir");
        DistributionTable distribution = new DistributionTable(state == null ? null
            : Path.of(state).resolve("distribution.json"));
        PublisherService service = new PublisherService(node, distribution);
        node.register(PublisherService.class, service);
        node.register(DistributionTable.class, distribution);
        StreamerService streamer = node.service(StreamerService.class);
        if (streamer != null) {
            node.register(StreamerLink.class, new StreamerLink() {
                @Override
                public boolean writeImmediateSet() {
                    return streamer.writeImmediateRequested();
                }

                @Override
                public boolean streamerRunning() {
                    return Routes.isStarted(node, StreamerService.ROUTE_ID);
                }

                @Override
                public void startStreamer() {
                    CommandResult r = node.execute("run streamer", Source.INTERNAL);
                    if (r.isError()) {
                        throw new CommandException(r.code(), r.detail());
                    }
                }
            });
        }
        // Boot phase 0: entries set at run time are back before the boot script's step 11 (COMMANDS.md §4.16).
        node.onStart(distribution::load);
        node.onStart(() -> NodeMetrics.of(node).gauge("ep_publisher_queue_depth",
            "Files in the publisher's queue (waiting, backing off or in flight)", () -> service.queueDepth()));
        node.onStop(service::stop);
        node.processes().register("Publisher", service::status);
        node.commands().register(new RunPublisherCommand());
        node.commands().register(new GetPublisherCommand());
        DistributionCommands.install(node, distribution);
        QueueCommands.install(node, service);
        SchedulerService scheduler = node.service(SchedulerService.class);
        if (scheduler != null) {
            scheduler.addSystemTask("publisher archive retention", DAY_MILLIS, service::retention);
        }
    }
}
