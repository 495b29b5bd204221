package io.edgepublisher.publisher.route;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/**
 * {@code camel.main.dump-routes = yaml} prints the whole publisher pipeline: every route of the group, every step,
 * in YAML (the dumper must be able to write each EIP the routes use).
 */
class PublisherRoutesDumpTest {
    @Test
    void thePublisherRoutesDumpAsYaml() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.addRoutes(new PublisherRoutes());
            RoutesDefinition all = new RoutesDefinition();
            all.setRoutes(ctx.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions());
            String yaml = PluginHelper.getModelToYAMLDumper(ctx).dumpModelAsYaml(ctx, all);
            // The user hook's endpoint must be in the dump, not only its aggregation strategy: a dump that drops the
            // enrich expression does not load back.
            assertTrue(yaml.contains("expression: " + io.edgepublisher.publisher.routing.UserDestination.ENDPOINT),
                yaml);
            for (String id : PublisherRoutes.IDS) {
                assertTrue(yaml.contains("id: " + id), id + " in\n" + yaml);
            }
            for (String step : new String[] {"publisherIntake", "publisherDecide", "tsdinfo:sending",
                "publisher-queue:slot", "edgelake:${header.destination}", "tsdinfo:delivered", "gzipDeflater",
                "direct:publisher-dispose", "aggregationStrategy: publisherUserDestination", "publisherUserRouteActive",
                "publisherGzipInTransit"}) {
                assertTrue(yaml.contains(step), step + " in\n" + yaml);
            }
        }
    }
}
