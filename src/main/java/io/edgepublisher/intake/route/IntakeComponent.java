package io.edgepublisher.intake.route;

import io.edgepublisher.intake.ingest.IngestRoute;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
import io.edgepublisher.streamer.StorageRefused;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code ep-intake} component: {@code ep-intake:<name>} resolves to the {@link IntakeSource} registered under
 * that name. {@link #startRoute} registers a source and starts its route; {@link #removeRoute} stops and forgets it.
 */
public final class IntakeComponent extends DefaultComponent {
    public static final String SCHEME = "ep-intake";
    private final Map<String, IntakeSource> sources = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        IntakeSource s = sources.get(remaining);
        if (s == null) {
            throw new IllegalArgumentException("No intake source named " + remaining);
        }
        return new IntakeEndpoint(uri, this, s);
    }

    /** The node's component, added to its context on first use. */
    public static synchronized IntakeComponent of(Node node) {
        CamelContext ctx = Routes.requireContext(node);
        IntakeComponent c = ctx.hasComponent(SCHEME) instanceof IntakeComponent
                ? (IntakeComponent) ctx.hasComponent(SCHEME) : null;
        if (c == null) {
            c = new IntakeComponent();
            ctx.addComponent(SCHEME, c);
        }
        return c;
    }

    /** Adds and starts the route {@code routeId}: {@code ep-intake:<routeId>} → {@code direct:ingest}. */
    public void startRoute(Node node, String routeId, String group, IntakeSource source) {
        sources.put(routeId, source);
        try {
            Routes.addAndStart(node, new RouteBuilder() {
                @Override
                public void configure() {
                    // Refusals for lack of space are expected while the disk is full, for every message: the storage
                    // guard logs the state once, the source withholds the acknowledgement.
                    onException(StorageRefused.class).logExhausted(false).logStackTrace(false);
                    from(SCHEME + ":" + routeId).routeId(routeId).routeGroup(group).to(IngestRoute.ENDPOINT);
                }
            }, routeId);
        } catch (RuntimeException e) {
            removeRoute(node, routeId);
            throw e;
        }
    }

    /** Stops and removes the route; its source is stopped by its consumer. */
    public void removeRoute(Node node, String routeId) {
        try {
            Routes.remove(node, routeId);
        } finally {
            sources.remove(routeId);
        }
    }
}
