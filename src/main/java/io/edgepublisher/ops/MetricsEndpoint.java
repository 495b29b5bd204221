package io.edgepublisher.ops;

import io.edgepublisher.rest.RestRequest;
import io.edgepublisher.rest.RestResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/** {@code /observe/metrics}: the Prometheus text exposition of the node's and Camel's meters. */
final class MetricsEndpoint {
    private final PrometheusMeterRegistry registry;

    MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    RestResponse handle(RestRequest req) {
        return new RestResponse(200, null, "text/plain; version=0.0.4; charset=utf-8",
            registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
