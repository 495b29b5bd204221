package io.edgepublisher.ops;

import io.edgepublisher.node.Node;
import java.util.Map;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains what stops working when a built-in route is stopped while the node runs (for example over JMX), so an
 * operator who stops a route other parts depend on gets a clear message instead of silent side effects.
 */
public final class RouteStopWarnings extends EventNotifierSupport {
    private static final Logger LOG = LoggerFactory.getLogger(RouteStopWarnings.class);

    private static final Map<String, String> CONSEQUENCES = Map.of(
        "tcp-server", "peers cannot reach this node: no ledger files from the master, no operator error echoes, no peer commands",
        "rest-api", "REST is unreachable (start the route again over JMX or restart the node)",
        "blockchain-sync", "the ledger is no longer refreshed from the master; routing uses the last ledger",
        "streamer", "buffers flush only on volume, not on time",
        "publisher", "files stay queued in the watch folder until the route runs again",
        "message-broker", "devices cannot publish to this node's MQTT broker",
        "ingest", "routes that send to direct:ingest fail");

    private final Node node;

    public RouteStopWarnings(Node node) {
        this.node = node;
        setIgnoreCamelContextEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (node.exiting() || node.camel() == null || node.camel().isStopping() || !node.camel().isStarted()) {
            return;
        }
        org.apache.camel.Route route = ((CamelEvent.RouteStoppedEvent) event).getRoute();
        if (Boolean.TRUE.equals(route.getProperties().get(io.edgepublisher.node.Routes.REMOVED_BY_NODE))) {
            return; // a command (exit …) or a failed start: the command's own result says what happened
        }
        String id = route.getRouteId();
        String why = CONSEQUENCES.get(id);
        if (why == null && id.startsWith("mqtt-client-")) {
            why = "message client " + id.substring("mqtt-client-".length()) + " no longer receives messages";
        } else if (why == null && id.startsWith("scheduler-")) {
            why = "tasks of scheduler " + id.substring("scheduler-".length()) + " do not run";
        }
        if (why != null) {
            LOG.warn("Route {} was stopped while the node runs: {}. get processes shows it as not running.", id, why);
        }
    }
}
