package io.edgepublisher.ops;

import io.edgepublisher.node.Beans;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.node.Node;
import io.edgepublisher.rest.RestRequest;
import io.edgepublisher.rest.RestResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code /observe/health} (and {@code /live}, {@code /ready}) on the REST port: Camel's health checks (context,
 * routes, consumers) plus the node's readiness probes. 200 when everything is UP, 503 otherwise.
 */
public final class HealthEndpoint {
    private final Node node;

    HealthEndpoint(Node node) {
        this.node = node;
    }

    /** Registers one Camel readiness check per probe. */
    static void registerChecks(CamelContext ctx, ReadinessProbes probes) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(ctx);
        if (registry == null) {
            return;
        }
        for (Map.Entry<String, Supplier<ReadinessProbes.State>> e : probes.probes().entrySet()) {
            if (registry.getCheck(e.getKey()).isPresent()) {
                continue;
            }
            AbstractHealthCheck check = new AbstractHealthCheck("node", e.getKey()) {
                @Override
                protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                    ReadinessProbes.State s = e.getValue().get();
                    if (s.up()) {
                        builder.up();
                    } else {
                        builder.down().message(s.reason());
                    }
                }

                @Override
                public boolean isLiveness() {
                    return false;
                }
            };
            check.setCamelContext(ctx);
            registry.register(check);
        }
    }

    public RestResponse handle(RestRequest req) {
        CamelContext ctx = node.camel();
        registerChecks(ctx, Beans.get(node, ReadinessProbes.class));
        String path = req.path();
        Collection<HealthCheck.Result> results = path.endsWith("/live") ? HealthCheckHelper.invokeLiveness(ctx, "full")
            : path.endsWith("/ready") ? HealthCheckHelper.invokeReadiness(ctx, "full") : HealthCheckHelper.invoke(ctx, "full");
        boolean up = true;
        List<Object> checks = new ArrayList<>();
        for (HealthCheck.Result r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", r.getCheck().getId());
            c.put("status", r.getState().name());
            r.getMessage().ifPresent(m -> c.put("message", m));
            r.getError().ifPresent(t -> c.put("error", String.valueOf(t.getMessage())));
            checks.add(c);
            up &= r.getState() != HealthCheck.State.DOWN;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        return new RestResponse(up ? 200 : 503, null, "application/json",
            PyJson.dumps(body).getBytes(StandardCharsets.UTF_8));
    }
}
