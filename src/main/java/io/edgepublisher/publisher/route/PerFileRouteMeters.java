package io.edgepublisher.publisher.route;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Keeps Camel's Micrometer route policy ({@code camel.metrics.enable-route-policy}) off the publisher routes that run
 * once per file ({@link #ROUTES}): the policy times every exchange and formats its meter's property name with
 * {@code String.format} each time, a measurable share of the CPU a file costs at thousands of files per second. The
 * publisher counts its files itself ({@code ep_files_delivered_total}, {@code ep_delivery_latency_seconds}, …); the
 * other routes keep their {@code camel_exchanges_*} meters.
 *
 * <p>camel-main has no property for the policy's exclude pattern, so this sets it on the policy factory when a route
 * is created: Camel asks the lifecycle strategies before it asks the policy factories.
 */
public final class PerFileRouteMeters extends LifecycleStrategySupport {
    /** Route ids (Camel patterns) without route meters. */
    public static final List<String> ROUTES = List.of(PublisherRoutes.WATCH, PublisherRoutes.DELIVER,
        PublisherRoutes.ACCEPT, PublisherRoutes.DISPOSE);

    private final CamelContext ctx;

    public PerFileRouteMeters(CamelContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void onRouteContextCreate(Route route) {
        for (RoutePolicyFactory f : ctx.getRoutePolicyFactories()) {
            if (f instanceof MicrometerRoutePolicyFactory m) {
                exclude(m);
            }
        }
    }

    private static void exclude(MicrometerRoutePolicyFactory f) {
        var cfg = f.getPolicyConfiguration();
        String ours = String.join(",", ROUTES);
        String pattern = cfg.getExcludePattern();
        if (pattern == null || pattern.isBlank()) {
            cfg.setExcludePattern(ours);
        } else if (!pattern.contains(ours)) {
            cfg.setExcludePattern(pattern + "," + ours);
        }
    }
}
