package io.edgepublisher.publisher;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Source;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.ops.UserRouteChanges;
import io.edgepublisher.publisher.commands.DistributionCommands;
import io.edgepublisher.publisher.commands.GetPublisherCommand;
import io.edgepublisher.publisher.commands.QueueCommands;
import io.edgepublisher.publisher.commands.RunPublisherCommand;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.auto.AutoAssignments;
import io.edgepublisher.scheduler.SchedulerService;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.inbound.EchoListeners;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Installs the publisher: its service, its Camel wiring (declared at boot, started by {@code run publisher}), its
 * commands, the {@code get processes} row and the hooks into echoes, routes changes and streamer flushes. The only
 * place that looks collaborators up in the node's registry.
 */
public final class PublisherModule {
    private static final long DAY_MILLIS = 86_400_000L;

    private PublisherModule() {
    }

    public static void install(Node node) {
        String state = node.dictionary().get("state_dir");
        DistributionTable distribution = new DistributionTable(state == null ? null
            : Path.of(state).resolve("distribution.json"));
        AutoAssignments auto = state == null ? new AutoAssignments(null)
            : AutoAssignments.inStateDir(Path.of(state));
        Metadata metadata = Beans.get(node, Metadata.class);
        PublisherService service = new PublisherService(distribution, node::camel,
            () -> metadata, node::booting, auto, () -> node.dictionary().get("company_name"));
        Beans.bind(node, PublisherService.class, service);
        Beans.bind(node, DistributionTable.class, distribution);
        StreamerService streamer = Beans.get(node, StreamerService.class);
        Beans.bind(node, StreamerLink.class, streamerLink(node, streamer));
        streamer.addFlushListener(service.flushListener());
        Beans.get(node, EchoListeners.class).add(service::echo);
        metadata.onChange(service::routesChanged);
        // A user route on direct:publisher-destination may route what waits for a route.
        Beans.get(node, UserRouteChanges.class).onChange(service::routesChanged);
        // Declared before Camel starts: the routes are in the startup route dump, stopped until 'run publisher'.
        PublisherConfiguration camel = new PublisherConfiguration(service, () -> Beans.get(node, PeerClient.class),
            () -> Beans.find(node, SourceAddress.class));
        node.configuration(camel);
        node.configuration(Lifecycle.configuration(ctx -> {
            // Boot phase 0: entries set at run time are back before the boot script's step 11 (COMMANDS.md §4.16).
            Lifecycle.afterStart(node, ctx, () -> {
                distribution.load();
                auto.load();
                NodeMetrics m = NodeMetrics.of(node);
                m.gauge("ep_publisher_queue_depth", "Files in the publisher's queue (waiting, backing off or in flight)",
                    service::queueDepth);
                m.functionCounter("ep_publisher_auto_assigned_files",
                    "Files delivered to the cluster new_table_cluster = auto chose for a table no cluster lists", auto,
                    AutoAssignments::deliveredFiles);
                service.metrics(metricsEvents(m));
            });
            Lifecycle.beforeStop(ctx, service::stop);
        }));
        node.processes().register("Publisher", service::status);
        node.commands().register(new RunPublisherCommand());
        node.commands().register(new GetPublisherCommand());
        DistributionCommands.install(node, distribution);
        QueueCommands.install(node, service);
        Beans.get(node, SchedulerService.class).addSystemTask("publisher archive retention", DAY_MILLIS,
            service::retention);
    }

    private static StreamerLink streamerLink(Node node, StreamerService streamer) {
        return new StreamerLink() {
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
        };
    }

    /** Delivery metrics: files and bytes per destination, failed attempts and retries, delivery latency. */
    private static QueueEvents metricsEvents(NodeMetrics m) {
        return new QueueEvents() {
            @Override
            public void accepted(String dest, long bytes, long nanos) {
                m.fileDelivered(dest, bytes, Duration.ofNanos(nanos));
            }

            @Override
            public void attemptFailed(String dest) {
                m.fileFailed(dest);
            }

            @Override
            public void retryScheduled() {
                m.retry();
            }
        };
    }
}
