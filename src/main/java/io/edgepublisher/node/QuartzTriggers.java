package io.edgepublisher.node;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * The quartz triggers of built-in routes declared stopped. A quartz endpoint schedules its trigger when the
 * context starts, whether or not its route runs; without a consumer every fire would only log that nobody listens.
 * {@link #pauseWhileStopped} pauses the trigger until the route starts (the consumer resumes it on start and pauses
 * it again on stop).
 */
public final class QuartzTriggers {
    private QuartzTriggers() {
    }

    /** Pauses the trigger of each route that is declared, quartz-driven and not started. */
    public static void pauseWhileStopped(CamelContext ctx, String... routeIds) throws Exception {
        for (String id : routeIds) {
            ServiceStatus s = ctx.getRouteController().getRouteStatus(id);
            QuartzEndpoint q = endpoint(ctx, id);
            if (q != null && (s == null || !s.isStarted())) {
                q.pauseTrigger();
            }
        }
    }

    /** The quartz endpoint the route consumes from, or null (no such route, or not quartz, e.g. advised in tests). */
    public static QuartzEndpoint endpoint(CamelContext ctx, String routeId) {
        RouteDefinition def = ((ModelCamelContext) ctx).getRouteDefinition(routeId);
        if (def == null || def.getInput() == null) {
            return null;
        }
        Endpoint e = ctx.hasEndpoint(def.getInput().getEndpointUri());
        if (e == null) {
            e = ctx.getEndpoint(def.getInput().getEndpointUri());
        }
        return e instanceof QuartzEndpoint q ? q : null;
    }
}
