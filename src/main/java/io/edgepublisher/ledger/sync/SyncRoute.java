package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.node.QuartzTriggers;
import io.edgepublisher.node.Routes;
import java.util.Date;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzConstants;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

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
    private final long initialMillis;

    /**
     * @param initialMillis the declared trigger's interval: the node's {@code blockchain_sync} (BLOCKCHAIN_SYNC), used
     *     until {@code run blockchain sync} sets its own
     */
    public SyncRoute(long initialMillis) {
        this.initialMillis = initialMillis;
    }

    /** The quartz endpoint (group {@code ledger}, trigger {@code blockchain-sync}) firing every {@code millis}. */
    static String trigger(long millis) {
        return "quartz://ledger/blockchain-sync?stateful=true&trigger.repeatCount=-1"
            + "&trigger.repeatInterval=" + millis + "&triggerStartDelay=" + millis;
    }

    @Override
    public void configure() {
        from(trigger(initialMillis)).routeId(ROUTE_ID).routeGroup(ROUTE_ID).autoStartup(false)
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
     * Reschedules the route's quartz trigger to fire every {@code intervalMillis}, the first fire one interval from
     * now, and starts the route. The endpoint creates the trigger when the context starts (paused by
     * {@link QuartzTriggers#pauseWhileStopped} until the route runs); here the same trigger is replaced in the Quartz scheduler
     * with the new interval, so a running route changes pace at once, and the endpoint's own settings are updated
     * so the interval also holds if the endpoint re-creates its job.
     *
     * @throws CommandException 3 when the route is missing or does not start
     */
    public static void schedule(CamelContext ctx, long intervalMillis) {
        if (ctx.getRouteController().getRouteStatus(ROUTE_ID) == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The route " + ROUTE_ID + " is not declared");
        }
        try {
            QuartzEndpoint q = endpoint(ctx);
            if (q != null) {
                q.getTriggerParameters().put("repeatInterval", Long.toString(intervalMillis));
                q.getTriggerParameters().put("repeatCount", "-1");
                q.setTriggerStartDelay(intervalMillis);
                Scheduler scheduler = q.getComponent().getScheduler();
                Trigger old = scheduler.getTrigger(q.getTriggerKey());
                if (old != null) {
                    JobDataMap data = new JobDataMap(old.getJobDataMap());
                    data.put(QuartzConstants.QUARTZ_TRIGGER_SIMPLE_REPEAT_INTERVAL, intervalMillis);
                    Trigger next = TriggerBuilder.newTrigger().withIdentity(q.getTriggerKey()).forJob(old.getJobKey())
                        .usingJobData(data).startAt(new Date(System.currentTimeMillis() + intervalMillis))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(intervalMillis).repeatForever())
                        .build();
                    scheduler.rescheduleJob(q.getTriggerKey(), next);
                }
            }
            Route route = ctx.getRoute(ROUTE_ID);
            if (route != null) {
                route.getProperties().remove(Routes.REMOVED_BY_NODE);
            }
            Routes.start(ctx, ROUTE_ID);
        } catch (CommandException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Route " + ROUTE_ID + " did not start: " + e, e);
        }
    }

    /** Stops the route (it stays declared), marked as stopped by the node so no warning is logged. */
    public static void stop(CamelContext ctx) throws Exception {
        ServiceStatus s = ctx.getRouteController().getRouteStatus(ROUTE_ID);
        if (s != null && s.isStarted()) {
            Route route = ctx.getRoute(ROUTE_ID);
            if (route != null) {
                route.getProperties().put(Routes.REMOVED_BY_NODE, Boolean.TRUE);
            }
            ctx.getRouteController().stopRoute(ROUTE_ID);
        }
    }

    /** The interval of the trigger in the Quartz scheduler, in milliseconds; -1 when there is none (tests). */
    public static long intervalMillis(CamelContext ctx) throws Exception {
        QuartzEndpoint q = endpoint(ctx);
        Trigger t = q == null ? null : q.getComponent().getScheduler().getTrigger(q.getTriggerKey());
        return t instanceof SimpleTrigger st ? st.getRepeatInterval() : -1;
    }

    private static QuartzEndpoint endpoint(CamelContext ctx) {
        return QuartzTriggers.endpoint(ctx, ROUTE_ID);
    }
}
