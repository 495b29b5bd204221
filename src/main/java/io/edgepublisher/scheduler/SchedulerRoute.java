package io.edgepublisher.scheduler;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route {@code scheduler-<id>}: a quartz tick once a second runs the scheduler's due tasks
 * ({@link Scheduler#tick}). Scheduler 0 (system) and 1 (the default user scheduler) are declared at boot, stopped;
 * other ids are added by {@code run scheduler <id>}. The tick is deliberate, see docs/ARCHITECTURE.md: a scheduler
 * runs its tasks one after another on one thread, each at its own interval, and {@code get schedule} shows their
 * next runs; one trigger per scheduler keeps that, where a trigger per task would run one scheduler's tasks in
 * parallel.
 */
final class SchedulerRoute extends RouteBuilder {
    static final String GROUP = "scheduler";

    private final Scheduler scheduler;

    SchedulerRoute(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The name the tick step of scheduler {@code id} is bound under. */
    static String tickBean(int id) {
        return "scheduler" + id + "Tick";
    }

    @Override
    public void configure() {
        int id = scheduler.id();
        // The time of the tick is the trigger's fire time (quartz header fireTime), so a late tick is not counted
        // as a later one; without it (a tick sent by hand), now.
        bindToRegistry(tickBean(id), (org.apache.camel.Processor) e -> {
            java.util.Date fired = e.getMessage().getHeader("fireTime", java.util.Date.class);
            scheduler.tick(fired != null ? fired.getTime() : System.currentTimeMillis());
        });
        from("quartz://scheduler-" + id + "/tick?trigger.repeatInterval=1000&trigger.repeatCount=-1&stateful=true")
            .routeId(scheduler.routeId()).routeGroup(GROUP).autoStartup(false)
            .process(tickBean(id));
    }
}
