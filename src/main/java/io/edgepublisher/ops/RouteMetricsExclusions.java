package io.edgepublisher.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Keeps Camel's per-route meters off the MQTT intake routes ({@code mqtt-client-<n>}, {@code message-broker}): they
 * carry an exchange per poll or per message, and the route policy's bookkeeping (a meter lookup and name formatting
 * per exchange) was a visible share of the CPU per small message. Their traffic stays visible in the node's own
 * {@code ep_rows_in_total{path="mqtt"}} and in {@code get msg client}; {@code ingest} and every other route keep their
 * {@code camel_*} meters.
 */
final class RouteMetricsExclusions {
    /** Route ids without Camel route meters (Camel's pattern syntax, comma-separated). */
    static final String EXCLUDED = "mqtt-client-*,message-broker";

    private RouteMetricsExclusions() {
    }

    /** Applies to routes created from now on; the intake routes are created by commands, after the start. */
    static void apply(CamelContext ctx) {
        for (RoutePolicyFactory f : ctx.getRoutePolicyFactories()) {
            if (f instanceof MicrometerRoutePolicyFactory m) {
                MicrometerRoutePolicyConfiguration c = new MicrometerRoutePolicyConfiguration();
                MicrometerRoutePolicyConfiguration was = m.getPolicyConfiguration();
                if (was != null) {
                    c.setContextEnabled(was.isContextEnabled());
                    c.setRouteEnabled(was.isRouteEnabled());
                    c.setAdditionalCounters(was.isAdditionalCounters());
                    c.setExchangesSucceeded(was.isExchangesSucceeded());
                    c.setExchangesFailed(was.isExchangesFailed());
                    c.setExchangesTotal(was.isExchangesTotal());
                    c.setExternalRedeliveries(was.isExternalRedeliveries());
                    c.setFailuresHandled(was.isFailuresHandled());
                    c.setLongTask(was.isLongTask());
                    c.setTimerInitiator(was.getTimerInitiator());
                    c.setLongTaskInitiator(was.getLongTaskInitiator());
                    c.setExcludePattern(was.getExcludePattern() == null ? EXCLUDED
                            : was.getExcludePattern() + "," + EXCLUDED);
                } else {
                    c.setExcludePattern(EXCLUDED);
                }
                m.setPolicyConfiguration(c);
            }
        }
    }
}
