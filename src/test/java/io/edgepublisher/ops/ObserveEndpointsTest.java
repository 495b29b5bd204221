package io.edgepublisher.ops;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /observe/health with readiness probes, and /observe/metrics in Prometheus format, on the REST port. */
class ObserveEndpointsTest {
    @TempDir
    Path home;

    @Test
    void healthFollowsProbesAndMetricsScrape() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), "run rest server where internal_ip = 127.0.0.1 and internal_port"
            + " = !anylog_rest_port\nconnect dbms almgm where type = sqlite\n")) {
            ReadinessProbes probes = Beans.get(n.node(), ReadinessProbes.class);
            boolean[] masterUp = {true};
            probes.add("master", () -> masterUp[0] ? ReadinessProbes.State.ok() : ReadinessProbes.State.down("no answer from 10.0.0.2:32048"));
            RawHttp.Response up = RawHttp.send(n.restPort(), "GET", "/observe/health", Map.of(), null);
            assertEquals(200, up.status(), up.text());
            assertTrue(up.text().startsWith("{\"status\": \"UP\", \"checks\": ["), up.text());
            assertTrue(up.text().contains("\"name\": \"master\", \"status\": \"UP\""), up.text());
            assertTrue(up.text().contains("\"name\": \"route:rest-api\""), up.text());
            masterUp[0] = false;
            RawHttp.Response ready = RawHttp.send(n.restPort(), "GET", "/observe/health/ready", Map.of(), null);
            assertEquals(503, ready.status());
            assertTrue(ready.text().contains("\"name\": \"master\", \"status\": \"DOWN\", \"message\": \"no answer from 10.0.0.2:32048\""),
                ready.text());
            assertEquals(200, RawHttp.send(n.restPort(), "GET", "/observe/health/live", Map.of(), null).status(),
                "readiness problems do not make the node look dead");

            NodeMetrics.of(n.node()).fileDelivered("10.0.0.7:32148", 1234, java.time.Duration.ofMillis(40));
            RawHttp.Response m = RawHttp.send(n.restPort(), "GET", "/observe/metrics", Map.of(), null);
            assertEquals(200, m.status());
            assertTrue(m.text().contains("ep_files_delivered_total{destination=\"10.0.0.7:32148\"} 1.0"), m.text());
            assertTrue(m.text().contains("ep_bytes_sent_total{destination=\"10.0.0.7:32148\"} 1234.0"));
            assertTrue(m.text().contains("ep_delivery_latency_seconds_bucket"));
            assertTrue(m.text().contains("routeId=\"rest-api\""), "Camel route metrics are included");
            // RouteMetricsExclusions: routes added later (as `run msg client` adds mqtt-client-<n>) are covered too
            var camel = n.node().camel();
            camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:excluded-probe").routeId("mqtt-client-97").log("x");
                    from("direct:metered-probe").routeId("metered-probe").log("x");
                }
            });
            camel.getRouteController().startRoute("mqtt-client-97");
            camel.getRouteController().startRoute("metered-probe");
            var template = camel.createProducerTemplate();
            template.sendBody("direct:excluded-probe", "x");
            template.sendBody("direct:metered-probe", "x");
            String after = RawHttp.send(n.restPort(), "GET", "/observe/metrics", Map.of(), null).text();
            assertTrue(after.contains("routeId=\"metered-probe\""), "other routes keep their meters\n" + after);
            assertFalse(after.contains("routeId=\"mqtt-client-97\""), "mqtt-client-* has no route meters\n" + after);
        }
    }
}
