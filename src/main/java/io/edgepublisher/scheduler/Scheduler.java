package io.edgepublisher.scheduler;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Source;
import io.edgepublisher.node.Node;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One scheduler (0 = system, 1… = user): a list of tasks run by the quartz-driven route {@code scheduler-<id>}. */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final int id;
    private final Node node;
    private final List<ScheduledTask> tasks = new CopyOnWriteArrayList<>();

    Scheduler(int id, Node node) {
        this.id = id;
        this.node = node;
    }

    public int id() {
        return id;
    }

    public String routeId() {
        return "scheduler-" + id;
    }

    public List<ScheduledTask> tasks() {
        return tasks;
    }

    /** Adds or replaces the task with this name. */
    public void add(ScheduledTask task) {
        tasks.removeIf(t -> t.name().equals(task.name()));
        tasks.add(task);
    }

    public boolean remove(String name) {
        return tasks.removeIf(t -> t.name().equals(name));
    }

    /** Runs every due task; called by the route on each quartz trigger. */
    public void tick(long now) {
        for (ScheduledTask t : tasks) {
            if (!t.due(now)) {
                continue;
            }
            String result;
            try {
                if (t.action() != null) {
                    t.action().run();
                    result = "ok";
                } else {
                    CommandResult r = node.execute(t.command(), Source.SCHEDULER);
                    result = r.describe();
                    if (r.isError()) {
                        LOG.warn("Scheduler {} task '{}' failed: {}", id, t.name(), r.describe());
                    }
                }
            } catch (RuntimeException e) {
                result = "failed: " + e;
                LOG.warn("Scheduler {} task '{}' failed", id, t.name(), e);
            }
            t.ran(now, result);
        }
    }
}
