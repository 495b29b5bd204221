package io.edgepublisher.publisher;

import io.edgepublisher.publisher.delivery.EdgeLakeComponent;
import io.edgepublisher.publisher.route.DisposalSteps;
import io.edgepublisher.publisher.route.IntakeSteps;
import io.edgepublisher.publisher.route.OutcomeSteps;
import io.edgepublisher.publisher.route.PublisherRoutes;
import io.edgepublisher.publisher.route.QueueComponent;
import io.edgepublisher.publisher.route.QueueSteps;
import io.edgepublisher.publisher.route.RoutingSteps;
import io.edgepublisher.publisher.routing.UserDestination;
import io.edgepublisher.publisher.tsdinfo.TsdInfoComponent;
import io.edgepublisher.publisher.watch.WatchDirComponent;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The publisher's Camel wiring: its components ({@code publisher-watch}, {@code publisher-queue}, {@code tsdinfo},
 * {@code edgelake}), the beans its routes call (bound by name, so the route dump reads {@code publisherQueue.sent}),
 * its thread pool profiles ({@code ep-publisher-*}) and its routes, declared stopped ({@link PublisherRoutes}).
 */
public final class PublisherConfiguration implements CamelConfiguration {
    private final PublisherService service;
    private final Supplier<PeerClient> client;
    private final Supplier<SourceAddress> source;

    public PublisherConfiguration(PublisherService service, Supplier<PeerClient> client,
                                  Supplier<SourceAddress> source) {
        this.service = service;
        this.client = client;
        this.source = source;
    }

    @Override
    public void configure(CamelContext ctx) throws Exception {
        Supplier<PublisherRun> runs = service::run;
        ctx.addComponent(WatchDirComponent.SCHEME, new WatchDirComponent(runs));
        ctx.addComponent(QueueComponent.SCHEME, new QueueComponent(runs));
        ctx.addComponent(TsdInfoComponent.SCHEME, new TsdInfoComponent(() -> {
            PublisherRun r = runs.get();
            return r == null ? null : r.tsd();
        }, () -> {
            PublisherRun r = runs.get();
            return r == null ? Runnable::run : r.pools().worker;
        }));
        ctx.addComponent(EdgeLakeComponent.SCHEME, new EdgeLakeComponent(client, source));
        Registry registry = ctx.getRegistry();
        registry.bind("publisherIntake", new IntakeSteps(runs));
        registry.bind("publisherQueue", new QueueSteps(runs));
        registry.bind("publisherRouter", new RoutingSteps(runs));
        registry.bind("publisherOutcomes", new OutcomeSteps(runs));
        registry.bind("publisherDisposal", new DisposalSteps(runs));
        registry.bind("publisherUserDestination", new UserDestination(() -> ctx));
        PublisherPools.register(ctx.getExecutorServiceManager());
        ctx.addRoutes(new PublisherRoutes());
    }
}
