package io.edgepublisher.publisher;

import io.edgepublisher.publisher.delivery.EdgeLakeComponent;
import io.edgepublisher.publisher.route.DisposalSteps;
import io.edgepublisher.publisher.route.IntakeSteps;
import io.edgepublisher.publisher.route.OutcomeSteps;
import io.edgepublisher.publisher.route.PerFileUnitOfWorkFactory;
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
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.support.PluginHelper;

/**
 * The publisher's Camel wiring: its components ({@code publisher-watch}, {@code publisher-queue}, {@code tsdinfo},
 * {@code edgelake}), the steps its routes call (processors bound by name, so the route dump reads
 * {@code process: publisherSent}),
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
        }));
        ctx.addComponent(EdgeLakeComponent.SCHEME, new EdgeLakeComponent(client, source));
        Registry registry = ctx.getRegistry();
        IntakeSteps intake = new IntakeSteps(runs);
        QueueSteps queue = new QueueSteps(runs);
        RoutingSteps router = new RoutingSteps(runs);
        OutcomeSteps outcomes = new OutcomeSteps(runs);
        DisposalSteps disposal = new DisposalSteps(runs);
        registry.bind("publisherRouter", router);
        UserDestination userDestination = new UserDestination(() -> ctx);
        registry.bind("publisherUserDestination", userDestination);
        // The routes' filter conditions, by name (ref language: looked up once when the route is built).
        registry.bind("publisherUserRouteActive", Predicate.class, (Predicate) userDestination::active);
        registry.bind("publisherGzipInTransit", Predicate.class, (Predicate) router::gzipInTransit);
        // Steps are processors named for what they do: a bean() step costs a method lookup per call, measurably
        // more at thousands of files per second.
        step(registry, "publisherIntake", intake::prepare);
        step(registry, "publisherAdmit", queue::admit);
        step(registry, "publisherRegistered", queue::registered);
        step(registry, "publisherRegistrationFailed", queue::registrationFailed);
        step(registry, "publisherDecide", router::decide);
        step(registry, "publisherSent", queue::sent);
        step(registry, "publisherAwaitAck", queue::awaitAck);
        step(registry, "publisherAccepting", queue::accepting);
        step(registry, "publisherAccepted", queue::accepted);
        step(registry, "publisherDisposed", queue::disposed);
        step(registry, "publisherDispositionFailed", queue::dispositionFailed);
        step(registry, "publisherRejected", outcomes::rejected);
        step(registry, "publisherNotRouted", outcomes::notRouted);
        step(registry, "publisherAttemptFailed", outcomes::attemptFailed);
        step(registry, "publisherUnexpected", outcomes::unexpected);
        step(registry, "publisherDisposalPlan", disposal::plan);
        step(registry, "publisherDelete", disposal::delete);
        step(registry, "publisherMove", disposal::move);
        step(registry, "publisherKeep", disposal::keep);
        step(registry, "publisherErrorStatus", disposal::errorStatus);
        step(registry, "publisherMoveToErrorDir", disposal::moveToErrorDir);
        PublisherPools.register(ctx.getExecutorServiceManager());
        ctx.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class,
            new PerFileUnitOfWorkFactory(PluginHelper.getUnitOfWorkFactory(ctx)));
        ctx.addRoutes(new PublisherRoutes());
    }

    private static void step(Registry registry, String name, Processor step) {
        registry.bind(name, Processor.class, step);
    }
}
