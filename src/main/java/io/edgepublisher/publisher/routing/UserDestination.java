package io.edgepublisher.publisher.routing;

import io.edgepublisher.command.Options;
import io.edgepublisher.node.Node;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-based routing by a Camel route of the user's: when a route consumes {@value #ENDPOINT}, the publisher asks
 * it first for every routing decision. The exchange carries the headers {@code dbms} and {@code table}; a route that
 * sets the header {@code destination} to {@code ip:port} sends the file there, one that leaves it unset lets
 * {@code set data distribution} and the metadata decide. A failing route or a malformed destination is logged and
 * ignored (the file is then routed as if there were no such route).
 *
 * <p>User routes are loaded when the boot script has finished, and the publisher may start during the script: until
 * then {@link #pending()} is true and the router holds routing decisions back, so that a backlog found at start is
 * not routed around the user's route.
 */
public final class UserDestination {
    public static final String ENDPOINT = "direct:publisher-destination";
    private static final Logger LOG = LoggerFactory.getLogger(UserDestination.class);

    private final Node node;
    private volatile ProducerTemplate template;

    public UserDestination(Node node) {
        this.node = node;
    }

    /** Whether a started route consumes the endpoint (a few routes: a short scan per routing decision). */
    private static boolean consumed(CamelContext ctx) {
        for (Route r : ctx.getRoutes()) {
            if ("direct://publisher-destination".equals(r.getEndpoint().getEndpointUri())
                && ctx.getRouteController().getRouteStatus(r.getRouteId()).isStarted()) {
                return true;
            }
        }
        return false;
    }

    /** True while the node boots and its user routes are not loaded yet. */
    public boolean pending() {
        return node.booting();
    }

    /** The destination chosen by the user's route, or null when there is none or it chose nothing. */
    public String destination(String dbms, String table) {
        CamelContext ctx = node.camel();
        if (ctx == null) {
            return null;
        }
        if (ctx.hasEndpoint(ENDPOINT) == null || !consumed(ctx)) {
            return null;
        }
        try {
            if (template == null) {
                template = ctx.createProducerTemplate();
            }
            Exchange out = template.request(ENDPOINT, e -> {
                e.getIn().setHeader("dbms", dbms);
                e.getIn().setHeader("table", table);
            });
            if (out.getException() != null) {
                LOG.warn("Route on {} failed for {}.{}: {}", ENDPOINT, dbms, table, out.getException().getMessage());
                return null;
            }
            String dest = out.getMessage().getHeader("destination", String.class);
            if (dest == null || dest.isBlank()) {
                return null;
            }
            dest = dest.trim();
            if (!Options.isIpPort(dest)) {
                LOG.warn("Route on {} chose '{}' for {}.{}: not ip:port, ignored", ENDPOINT, dest, dbms, table);
                return null;
            }
            return dest;
        } catch (RuntimeException e) {
            LOG.warn("Route on {} failed for {}.{}: {}", ENDPOINT, dbms, table, e.getMessage());
            return null;
        }
    }
}
