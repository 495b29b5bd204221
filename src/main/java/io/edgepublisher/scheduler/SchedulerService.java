package io.edgepublisher.scheduler;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

/**
 * The node's schedulers. Each running scheduler is a Camel route {@code scheduler-<id>} ({@link SchedulerRoute}) fed
 * by a quartz trigger once a second; stopping that route (for example over JMX) pauses its tasks and removes it from {@code get processes}.
 */
public final class SchedulerService {
    private final Node node;
    private final Map<Integer, Scheduler> schedulers = new TreeMap<>();

    public SchedulerService(Node node) {
        this.node = node;
        node.processes().register("Scheduler", this::status);
    }

    /** The scheduler with this id, created (not started) when new. */
    public synchronized Scheduler scheduler(int id) {
        return schedulers.computeIfAbsent(id, i -> new Scheduler(i, node));
    }

    public synchronized boolean isRunning(int id) {
        CamelContext ctx = node.camel();
        if (ctx == null || !schedulers.containsKey(id)) {
            return false;
        }
        ServiceStatus s = ctx.getRouteController().getRouteStatus("scheduler-" + id);
        return s != null && s.isStarted();
    }

    /** Starts scheduler {@code id}; 136 when it already runs. */
    public synchronized void start(int id) {
        if (isRunning(id)) {
            // a scheduler has no options: a running one is always what 'run scheduler <id>' asks for
            throw new io.edgepublisher.command.AlreadyRunning("Scheduler already running", true);
        }
        Scheduler s = scheduler(id);
        CamelContext ctx = node.camel();
        if (ctx == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The Camel context is not running");
        }
        if (ctx.getRouteController().getRouteStatus(s.routeId()) == null) {
            // ids other than 0 and 1 are not declared at boot
            try {
                ctx.addRoutes(new SchedulerRoute(s));
            } catch (Exception e) {
                throw new CommandException(ErrorCode.PROCESS_FAILURE, "Scheduler " + id + " did not start: " + e.getMessage(), e);
            }
        }
        try {
            Routes.start(ctx, s.routeId());
        } catch (Exception e) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Scheduler " + id + " did not start: " + e.getMessage(), e);
        }
    }

    /** Adds a system (scheduler 0) housekeeping action. */
    public void addSystemTask(String name, long intervalMillis, Runnable action) {
        scheduler(0).add(new ScheduledTask(name, intervalMillis, null, action,
            System.currentTimeMillis() + intervalMillis));
    }

    public void addUserTask(int id, String name, long intervalMillis, String command, long firstRun) {
        scheduler(id).add(new ScheduledTask(name, intervalMillis, command, null, firstRun));
    }

    private synchronized ProcessStatus status() {
        scheduler(0);
        StringBuilder sb = new StringBuilder("Schedulers IDs in use:");
        boolean any = false;
        for (int id : schedulers.keySet()) {
            // The system scheduler always runs (COMMANDS.md §4.23); it counts while the boot has not started it yet.
            boolean starting = id == 0 && !node.ready() && !node.exiting();
            if (!isRunning(id) && !starting) {
                continue;
            }
            any = true;
            sb.append(id == 0 ? " [0 (system)]" : id == 1 ? " [1 (user)]" : " [" + id + "]");
        }
        return any ? ProcessStatus.running(sb.toString()) : ProcessStatus.notDeclared("");
    }
}
