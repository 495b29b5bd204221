package io.edgepublisher.publisher.route;

import io.edgepublisher.publisher.delivery.TransferFailedException;
import io.edgepublisher.publisher.routing.UserDestination;
import io.edgepublisher.publisher.tsdinfo.TsdInfoException;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.ConstantExpression;
import org.apache.camel.model.language.RefExpression;

/**
 * The publisher as routes (PUBLISHER.md), one exchange per file, in the route group {@value #GROUP}. Declared at
 * boot and not started: {@code run publisher} starts them, {@code exit publisher} stops them.
 *
 * <pre>
 * publisher-watch      discovered file → intake (§3.2) → tsdinfo:register (§3.4) → queue, or dispose if delivered
 * publisher            claimed file → routing decision (§4) → tsdinfo:sending → transfer slot (§5.6)
 *                      → gzip for transit (§5.2) → edgelake:ip:port (§5.1) → tsdinfo:sent → ack_wait opens (§5.4)
 * publisher-accept     ack_wait ended → tsdinfo:delivered → dispose (§7)
 * publisher-dispose    delete, move, or gzip the kept copy (§7.1)
 * publisher-error-dir  tsdinfo error status → error dir (§8)
 * </pre>
 * The two conditions of the delivery route are predicates bound in the registry ({@code ref}): a
 * {@code ${bean:…?method=…}} expression resolves and invokes the method reflectively for every file.
 * Failures are handled by each route's {@code onException}: the file goes back to its queue with the backoff,
 * cooldown, pin and limit rules of §5.3–5.5 ({@code publisherOutcomes}), or to the error dir.
 */
public final class PublisherRoutes extends RouteBuilder {
    public static final String GROUP = "publisher";
    public static final String WATCH = "publisher-watch";
    public static final String DELIVER = "publisher";
    public static final String ACCEPT = "publisher-accept";
    public static final String DISPOSE = "publisher-dispose";
    public static final String ERROR_DIR = "publisher-error-dir";
    /** In start order: the sub-routes first, discovery last. */
    public static final List<String> IDS = List.of(ERROR_DIR, DISPOSE, ACCEPT, DELIVER, WATCH);

    /**
     * {@code enrich} from the user's {@code direct:publisher-destination} route, merged by the bean
     * {@code publisherUserDestination}: a model node with a constant endpoint, because the DSL form
     * {@code enrich().constant(…)} keeps the endpoint in a builder clause that {@code dump-routes} does not write.
     */
    private static EnrichDefinition askUserRoute() {
        EnrichDefinition enrich = new EnrichDefinition();
        enrich.setExpression(new ConstantExpression(UserDestination.ENDPOINT));
        enrich.setAggregationStrategy("publisherUserDestination");
        return enrich;
    }

    @Override
    public void configure() {
        from("publisher-watch:watch-dir").routeId(WATCH).routeGroup(GROUP).autoStartup(false).streamCache("false")
            .routeDescription("Discovery: one exchange per watch-dir file, registered in tsd_info and queued")
            .onException(TsdInfoException.class).handled(true)
                .process("publisherRegistrationFailed")
            .end()
            .process("publisherIntake")
            .choice()
                .when(simple("${header.intake} == 'rejected'"))
                    .process("publisherRejected")
                    .to("tsdinfo:error")
                .when(simple("${header.intake} == 'accepted'"))
                    .process("publisherAdmit")
                    .to("tsdinfo:register")
                    .process("publisherRegistered")
                    .to("direct:publisher-dispose")
            .end();

        ProcessorDefinition<?> deliver = from("publisher-queue:deliver").routeId(DELIVER).routeGroup(GROUP)
            .autoStartup(false).streamCache("false")
            .routeDescription("Delivery attempt: routing decision, tsd_info, transfer slot, transfer, ack_wait")
            .onException(NoRouteException.class, RouteWaitException.class).handled(true)
                .process("publisherNotRouted")
                .to("tsdinfo:status")
                .filter(simple("${header.next} == 'error-dir'")).to("direct:publisher-error-dir").end()
            .end()
            .onException(TransferFailedException.class, EchoFailedException.class,
                    DestinationCoolingException.class).handled(true)
                .process("publisherAttemptFailed")
                .to("tsdinfo:status")
                .filter(simple("${header.next} == 'error-dir'")).to("direct:publisher-error-dir").end()
            .end()
            .onException(Exception.class).handled(true)
                .process("publisherUnexpected")
            .end();
        deliver.filter(new RefExpression("publisherUserRouteActive"))
            .addOutput(askUserRoute());
        deliver
            .process("publisherDecide")
            .to("tsdinfo:sending")
            .to("publisher-queue:slot")
            .filter(new RefExpression("publisherGzipInTransit"))
                .marshal().gzipDeflater()
                .setHeader("fileName", simple("${header.fileName}.gz"))
            .end()
            .toD("edgelake:${header.destination}")
            .process("publisherSent")
            .to("tsdinfo:sent")
            .process("publisherAwaitAck");

        from("publisher-queue:accept").routeId(ACCEPT).routeGroup(GROUP).autoStartup(false).streamCache("false")
            .routeDescription("Acceptance: ack_wait ended without an echo naming the file")
            .onException(EchoFailedException.class).handled(true)
                .process("publisherAttemptFailed")
                .to("tsdinfo:status")
                .filter(simple("${header.next} == 'error-dir'")).to("direct:publisher-error-dir").end()
            .end()
            .onException(Exception.class).handled(true)
                .process("publisherUnexpected")
            .end()
            .process("publisherAccepting")
            .to("tsdinfo:delivered")
            .process("publisherAccepted")
            .to("direct:publisher-dispose");

        from("direct:publisher-dispose").routeId(DISPOSE).routeGroup(GROUP).autoStartup(false).streamCache("false")
            .routeDescription("Disposition of a delivered file: delete, archive or bkup, gzip'd when compress_<type>")
            .onException(Exception.class).handled(true)
                .process("publisherDispositionFailed")
            .end()
            .process("publisherDisposalPlan")
            .choice()
                .when(simple("${header.disposal} == 'delete'"))
                    .process("publisherDelete")
                .when(simple("${header.disposal} == 'gzip'"))
                    .marshal().gzipDeflater()
                    .process("publisherKeep")
                .when(simple("${header.disposal} == 'move'"))
                    .process("publisherMove")
            .end()
            .process("publisherDisposed");

        from("direct:publisher-error-dir").routeId(ERROR_DIR).routeGroup(GROUP).autoStartup(false)
            .routeDescription("A file the publisher gives up on: tsd_info 'error <code>', then the error dir")
            .onException(Exception.class).handled(true)
                .process("publisherMoveToErrorDir")
            .end()
            .process("publisherErrorStatus")
            .to("tsdinfo:status")
            .process("publisherMoveToErrorDir");
    }
}
