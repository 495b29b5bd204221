package io.edgepublisher.ops;

import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * The one list of routes that get no Camel route meters ({@code camel.metrics.enable-route-policy}): those that run an
 * exchange per file or per small message, where the route policy's bookkeeping (a meter lookup and a name formatted
 * with {@code String.format} per exchange) is a visible share of the CPU:
 * <ul>
 * <li>the publisher's per-file routes {@code publisher-watch}, {@code publisher}, {@code publisher-accept},
 * {@code publisher-dispose}: the publisher counts its files itself ({@code ep_files_delivered_total}, …);</li>
 * <li>the MQTT intake routes {@code mqtt-client-<n>} and {@code message-broker}: counted by
 * {@code ep_rows_in_total{path="mqtt"}} and {@code get msg client}.</li>
 * </ul>
 * Every other route ({@code ingest}, {@code rest-api}, …) keeps its {@code camel_*} meters. camel-main has no property
 * for the policy's exclude pattern, so it is set on the policy factory when a route is created: Camel asks the
 * lifecycle strategies before it asks the policy factories, for the routes declared at boot and for those that
 * commands add later.
 */
public final class RouteMetricsExclusions extends LifecycleStrategySupport {
    /** Route ids without Camel route meters (Camel's patterns). */
    public static final List<String> ROUTES = List.of("publisher-watch", "publisher", "publisher-accept",
        "publisher-dispose", "mqtt-client-*", "message-broker");
    private static final String PATTERN = String.join(",", ROUTES);

    private final CamelContext ctx;

    private RouteMetricsExclusions(CamelContext ctx) {
        this.ctx = ctx;
    }

    /** Installs the exclusions on a context before its routes are created (a node's configuration). */
    public static CamelConfiguration configuration() {
        return new CamelConfiguration() {
            @Override
            public void configure(CamelContext camelContext) {
                camelContext.addLifecycleStrategy(new RouteMetricsExclusions(camelContext));
            }
        };
    }

    @Override
    public void onRouteContextCreate(Route route) {
        for (RoutePolicyFactory f : ctx.getRoutePolicyFactories()) {
            if (f instanceof MicrometerRoutePolicyFactory m) {
                exclude(m.getPolicyConfiguration());
            }
        }
    }

    private static void exclude(MicrometerRoutePolicyConfiguration cfg) {
        String pattern = cfg.getExcludePattern();
        if (pattern == null || pattern.isBlank()) {
            cfg.setExcludePattern(PATTERN);
        } else if (!pattern.contains(PATTERN)) {
            cfg.setExcludePattern(pattern + "," + PATTERN);
        }
    }
}
