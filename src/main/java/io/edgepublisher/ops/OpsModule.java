package io.edgepublisher.ops;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.SimpleCommand;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.edgepublisher.rest.RestExtensions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;

/** Operating the node the Camel way: user YAML routes and the {@code get routes} / {@code reload routes} commands. */
public final class OpsModule {
    private static final OptionSpec GET_ROUTES = OptionSpec.of("get routes")
        .key("format", OptionSpec.Type.TEXT).key("id", OptionSpec.Type.TEXT);

    private OpsModule() {
    }

    public static void install(Node node) {
        ReadinessProbes probes = new ReadinessProbes();
        Beans.bind(node, ReadinessProbes.class, probes);
        // Processes started by the boot script are not there yet, and commands that change the node wait for it.
        probes.add("boot", () -> node.exiting() ? ReadinessProbes.State.down("the node is stopping")
            : node.ready() ? ReadinessProbes.State.ok() : ReadinessProbes.State.down("the boot script is running"));
        RestExtensions rest = new RestExtensions();
        Beans.bind(node, RestExtensions.class, rest);
        HealthEndpoint health = new HealthEndpoint(node);
        for (String p : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready"}) {
            rest.add(p, health::handle);
        }
        node.configuration(RouteMetricsExclusions.configuration());
        ErrorDirLimit errorDir = new ErrorDirLimit(node);
        UserRouteChanges changes = new UserRouteChanges();
        Beans.bind(node, UserRouteChanges.class, changes);
        node.configuration(Lifecycle.configuration(ctx -> Lifecycle.afterStart(node, ctx, () -> {
            ctx.getManagementStrategy().addEventNotifier(new RouteStopWarnings(node));
            errorDir.start();
            Object found = ctx.getRegistry().lookupByName("metricsRegistry");
            if (found instanceof PrometheusMeterRegistry prom) {
                Beans.bind(node, NodeMetrics.class, new NodeMetrics(prom));
                rest.add("/observe/metrics", new MetricsEndpoint(prom)::handle);
            }
        })));
        node.onReady(() -> {
            UserRoutes routes = new UserRoutes(node, routesDir(node), changes);
            Beans.bind(node, UserRoutes.class, routes);
            routes.loadAll();
            UserRoutesWatcher watcher = new UserRoutesWatcher(routes);
            watcher.start(node.camel().getExecutorServiceManager());
            Lifecycle.beforeStop(node.camel(), watcher::stop);
        });
        node.commands().register(new SimpleCommand(List.of("get routes"),
                "get routes [where format = table|yaml and id = <route id prefix>]", Method.GET, false, c -> {
            Options o = c.where(GET_ROUTES);
            String format = o.text("format", "table");
            if (format.equalsIgnoreCase("yaml")) {
                return Output.text(RoutesDump.yaml(node.camel(), o.text("id", null)));
            }
            if (!format.equalsIgnoreCase("table") || o.has("id")) {
                throw c.structure("'get routes' takes format = table or yaml; id = … only with format = yaml");
            }
            return Output.text(routesTable(node));
        }));
        node.commands().register(new SimpleCommand(List.of("reload routes"), "reload routes", Method.POST, false, c -> {
            c.noArgs();
            UserRoutes r = Beans.find(node, UserRoutes.class);
            if (r != null) {
                r.loadAll();
            }
            return Output.none();
        }));
    }

    /**
     * {@code EP_ROUTES_DIR}; else {@code routes/} next to the jar when that exists (the container layout); else
     * {@code routes/} in the working directory.
     */
    static Path routesDir(Node node) {
        String configured = node.dictionary().get("routes_dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            Path jar = Path.of(OpsModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar) && Files.isDirectory(jar.getParent().resolve("routes"))) {
                return jar.getParent().resolve("routes");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the working directory
        }
        return Path.of("routes").toAbsolutePath();
    }

    static String routesTable(Node node) {
        CamelContext ctx = node.camel();
        ManagedCamelContext mcc = ctx.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        UserRoutes user = Beans.find(node, UserRoutes.class);
        List<List<Object>> rows = new ArrayList<>();
        List<Route> routes = new ArrayList<>(ctx.getRoutes());
        routes.sort((a, b) -> a.getRouteId().compareTo(b.getRouteId()));
        for (Route r : routes) {
            String id = r.getRouteId();
            ManagedRouteMBean m = mcc == null ? null : mcc.getManagedRoute(id);
            String source = "built-in";
            if (user != null) {
                for (Map.Entry<Path, UserRoutes.Loaded> e : user.files().entrySet()) {
                    if (e.getValue().routeIds().contains(id)) {
                        source = e.getKey().getFileName().toString();
                    }
                }
            }
            rows.add(List.of(id, r.getGroup() == null ? "" : r.getGroup(),
                String.valueOf(ctx.getRouteController().getRouteStatus(id)), source,
                m == null ? "" : m.getExchangesCompleted(), m == null ? "" : m.getExchangesFailed(),
                r.getEndpoint().getEndpointBaseUri()));
        }
        StringBuilder sb = new StringBuilder(TableFormatter.of(
            List.of("Route", "Group", "Status", "Source", "Completed", "Failed", "From")).withHeader("Routes").format(rows));
        if (user != null) {
            for (Map.Entry<Path, UserRoutes.Loaded> e : user.files().entrySet()) {
                if (e.getValue().error() != null) {
                    sb.append("\r\nNot loaded: ").append(e.getKey().getFileName()).append(": ").append(e.getValue().error());
                }
            }
        }
        return sb.toString();
    }
}
