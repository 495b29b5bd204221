package io.edgepublisher.ops;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.support.PluginHelper;

/**
 * The node's routes as they run now, in the YAML notation of user routes: {@code get routes where format = yaml}.
 * Unlike {@code camel.main.dump-routes}, which writes once at start, this includes the routes that {@code run …}
 * commands added later (REST, TCP, ingest, message clients, Kafka consumers), so the whole pipeline reads in one
 * place.
 */
final class RoutesDump {
    private RoutesDump() {
    }

    /** Every route, or only those whose id starts with {@code idPrefix} (null for all), in route id order. */
    static String yaml(CamelContext camel, String idPrefix) {
        List<RouteDefinition> defs = ((ModelCamelContext) camel).getRouteDefinitions().stream()
            .filter(d -> idPrefix == null || d.getRouteId().startsWith(idPrefix))
            .sorted((a, b) -> a.getRouteId().compareTo(b.getRouteId()))
            .toList();
        if (defs.isEmpty()) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE,
                idPrefix == null ? "No routes" : "No route id starts with '" + idPrefix + "'");
        }
        StringBuilder out = new StringBuilder();
        for (RouteDefinition def : defs) {
            RoutesDefinition one = new RoutesDefinition();
            one.setRoutes(new ArrayList<>(List.of(def)));
            try {
                out.append(PluginHelper.getModelToYAMLDumper(camel).dumpModelAsYaml(camel, one, true, false, false,
                    false));
            } catch (Exception e) {
                // a step Camel's dumper cannot write (e.g. an inline Java processor): say so instead of failing all
                out.append("# route ").append(def.getRouteId()).append(": cannot be written as YAML (")
                    .append(e.getClass().getSimpleName()).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }
}
