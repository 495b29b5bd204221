package io.edgepublisher.node;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;

/**
 * Adds the routes behind a {@code run …} command to the running context and starts them. The supervising route
 * controller defers routes that are added while the context is still finishing its start, so the start is
 * requested explicitly; a route whose start fails stays supervised and is retried with back-off.
 */
public final class Routes {
    private Routes() {
    }

    public static void addAndStart(Node node, RouteBuilder builder, String... routeIds) {
        CamelContext ctx = requireContext(node);
        try {
            ctx.addRoutes(builder);
            for (String id : routeIds) {
                start(ctx, id);
            }
        } catch (CommandException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE,
                "Route " + String.join(", ", routeIds) + " did not start: " + rootMessage(e), e);
        }
    }

    public static void start(CamelContext ctx, String routeId) throws Exception {
        ServiceStatus s = ctx.getRouteController().getRouteStatus(routeId);
        if (s == null || !s.isStarted()) {
            ctx.getRouteController().startRoute(routeId);
        }
    }

    /**
     * Route property set while the node itself stops a route (a command, a failed start): the warnings about routes
     * stopped behind the node's back (over JMX) leave those alone.
     */
    public static final String REMOVED_BY_NODE = "ep.removedByNode";

    /** Stops and removes a route if it exists. */
    public static void remove(Node node, String routeId) {
        CamelContext ctx = node.camel();
        if (ctx == null) {
            return;
        }
        try {
            Route r = ctx.getRoute(routeId);
            if (r != null) {
                r.getProperties().put(REMOVED_BY_NODE, Boolean.TRUE);
                ctx.getRouteController().stopRoute(routeId);
                ctx.removeRoute(routeId);
            }
        } catch (Exception e) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Route " + routeId + " did not stop: " + rootMessage(e), e);
        }
    }

    /** Whether the route exists and is started (a route stopped over JMX counts as not running). */
    public static boolean isStarted(Node node, String routeId) {
        CamelContext ctx = node.camel();
        if (ctx == null) {
            return false;
        }
        ServiceStatus s = ctx.getRouteController().getRouteStatus(routeId);
        return s != null && s.isStarted();
    }

    /** The route's status text, or null when there is no such route. */
    public static String status(Node node, String routeId) {
        CamelContext ctx = node.camel();
        ServiceStatus s = ctx == null ? null : ctx.getRouteController().getRouteStatus(routeId);
        return s == null ? null : s.name();
    }

    public static CamelContext requireContext(Node node) {
        CamelContext ctx = node.camel();
        if (ctx == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The Camel context is not running");
        }
        return ctx;
    }

    /**
     * The {@code get processes} row of a {@code run …} route: Running with {@code details} while the route is
     * started; otherwise Not declared, saying what state the route is in (e.g. stopped over JMX).
     */
    public static ProcessStatus processStatus(Node node, String routeId, String details) {
        if (isStarted(node, routeId)) {
            return ProcessStatus.running(details);
        }
        String s = status(node, routeId);
        return ProcessStatus.notDeclared(s == null ? "No active connection" : "Route " + routeId + " is " + s);
    }

    /** Whether {@code e} or one of its causes is a {@code type}, e.g. the BindException behind a failed start. */
    public static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
