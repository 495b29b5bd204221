package io.edgepublisher.publisher.routing;

import io.edgepublisher.command.Options;
import io.edgepublisher.publisher.PublisherHeaders;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-based routing by a Camel route of the user's: when a started route consumes {@value #ENDPOINT}, the
 * {@code publisher} route enriches each delivery attempt from it (the user's route gets a copy of the exchange, with
 * the headers {@code dbms}, {@code table} and the others of {@link PublisherHeaders}). A route that sets the header
 * {@code destination} to {@code ip:port} sends the file there; one that leaves it unset lets
 * {@code set data distribution} and the metadata decide. A failing route or a malformed destination is logged and
 * ignored (the file is then routed as if there were no such route).
 */
public final class UserDestination implements AggregationStrategy {
    public static final String ENDPOINT = "direct:publisher-destination";
    private static final Logger LOG = LoggerFactory.getLogger(UserDestination.class);

    private final java.util.function.Supplier<CamelContext> context;

    public UserDestination(java.util.function.Supplier<CamelContext> context) {
        this.context = context;
    }

    /** Whether a started route consumes the endpoint (a few routes: a short scan per routing decision). */
    public boolean active(Exchange exchange) {
        CamelContext ctx = context.get();
        if (ctx == null || ctx.hasEndpoint(ENDPOINT) == null) {
            return false;
        }
        for (Route r : ctx.getRoutes()) {
            if ("direct://publisher-destination".equals(r.getEndpoint().getEndpointUri())
                && ctx.getRouteController().getRouteStatus(r.getRouteId()).isStarted()) {
                return true;
            }
        }
        return false;
    }

    /** Takes the user route's {@code destination} (validated) into the delivery attempt; nothing else. */
    @Override
    public Exchange aggregate(Exchange original, Exchange answer) {
        original.getMessage().removeHeader(PublisherHeaders.DESTINATION);
        if (answer == null) {
            return original;
        }
        String dbms = original.getMessage().getHeader(PublisherHeaders.DBMS, String.class);
        String table = original.getMessage().getHeader(PublisherHeaders.TABLE, String.class);
        if (answer.getException() != null) {
            LOG.warn("Route on {} failed for {}.{}: {}", ENDPOINT, dbms, table, answer.getException().getMessage());
            return original;
        }
        String dest = answer.getMessage().getHeader(PublisherHeaders.DESTINATION, String.class);
        if (dest == null || dest.isBlank()) {
            return original;
        }
        dest = dest.trim();
        if (!Options.isIpPort(dest)) {
            LOG.warn("Route on {} chose '{}' for {}.{}: not ip:port, ignored", ENDPOINT, dest, dbms, table);
            return original;
        }
        original.getMessage().setHeader(PublisherHeaders.DESTINATION, dest);
        return original;
    }
}
