package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.node.Routes;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzEndpoint;

/**
 * The route {@code blockchain-sync} (LEDGER.md §4.4), declared at boot and stopped: a quartz trigger at the sync
 * interval, then the ledger request to the master ({@code ledgerSyncRequest}), then the metadata listeners
 * ({@code ledgerSyncNotify}). A master that cannot be reached ends in {@code onException}: logged once per change of
 * state, the ledger stays, and the next trigger is the retry (no redelivery: the interval is the retry period).
 *
 * <p>{@code run blockchain sync where … time = <n>} sets the trigger's interval with {@link #schedule} and starts
 * the route; running it again with another interval reschedules the same trigger. The first fire is one interval
 * after the start, because the command sends the first request itself. The trigger is stateful, so a slow request
 * (a master that does not close) delays the next cycle instead of overlapping it. Stopping the route (JMX) pauses
 * synchronisation and shows the row as not running.
 */
public final class SyncRoute extends RouteBuilder {
    /** The route id of the synchroniser. */
    public static final String ROUTE_ID = "blockchain-sync";
    /** The quartz endpoint (group {@code ledger}, trigger {@code blockchain-sync}). */
    static final String TRIGGER = "quartz://ledger/blockchain-sync?stateful=true&trigger.repeatCount=-1"
        + "&trigger.repeatInterval={{ep.ledger.sync-interval-ms}}&triggerStartDelay={{ep.ledger.sync-interval-ms}}";

    @Override
    public void configure() {
        from(TRIGGER).routeId(ROUTE_ID).routeGroup(ROUTE_ID).autoStartup(false)
            .onException(MasterUnreachableException.class).handled(true)
                .process("ledgerSyncUnreachable")
                .process("ledgerSyncNotify")
            .end()
            .onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, SyncRoute.class.getName(),
                    "Blockchain sync cycle failed: ${exception}; the next interval retries")
                .process("ledgerSyncNotify")
            .end()
            .process("ledgerSyncRequest").id("ledger-request")
            .process("ledgerSyncNotify").id("metadata-listeners");
    }

    /**
     * Sets the trigger to fire every {@code intervalMillis} (first fire one interval from now) and starts the route.
     * A running route is stopped first: its quartz job is deleted on stop and created on start from the new
     * settings, so a changed interval takes effect at once and survives a later stop and start over JMX.
     *
     * @throws CommandException 3 when the route is missing or does not start
     */
    public static void schedule(CamelContext ctx, long intervalMillis) {
        Route route = ctx.getRoute(ROUTE_ID);
        if (route == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The route " + ROUTE_ID + " is not declared");
        }
        try {
            stop(ctx);
            Endpoint from = route.getEndpoint();
            if (from instanceof QuartzEndpoint q) {
                Map<String, Object> trigger = q.getTriggerParameters();
                trigger.put("repeatInterval", Long.toString(intervalMillis));
                trigger.put("repeatCount", "-1");
                q.setTriggerStartDelay(intervalMillis);
            }
            route.getProperties().remove(Routes.REMOVED_BY_NODE);
            Routes.start(ctx, ROUTE_ID);
        } catch (CommandException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Route " + ROUTE_ID + " did not start: " + e, e);
        }
    }

    /** Stops the route (it stays declared), marked as stopped by the node so no warning is logged. */
    public static void stop(CamelContext ctx) throws Exception {
        Route route = ctx.getRoute(ROUTE_ID);
        if (route == null) {
            return;
        }
        if (ctx.getRouteController().getRouteStatus(ROUTE_ID).isStarted()) {
            route.getProperties().put(Routes.REMOVED_BY_NODE, Boolean.TRUE);
            ctx.getRouteController().stopRoute(ROUTE_ID);
        }
    }

    /** The interval the trigger is set to, in milliseconds, or -1 when the route is not a quartz route (tests). */
    public static long intervalMillis(CamelContext ctx) {
        Route route = ctx.getRoute(ROUTE_ID);
        if (route != null && route.getEndpoint() instanceof QuartzEndpoint q) {
            Object v = q.getTriggerParameters().get("repeatInterval");
            return v == null ? -1 : Long.parseLong(v.toString());
        }
        return -1;
    }
}
