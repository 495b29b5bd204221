package io.edgepublisher.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The scheduler routes as {@link SchedulerConfiguration} declares them, booted by camel-main; AdviceWith replaces
 * scheduler 1's quartz tick with {@code direct:tick}, and each tick carries the {@code fireTime} quartz would set,
 * so the test decides the time. The tasks are real command lines run by a node's interpreter.
 */
class SchedulerRouteTest extends CamelMainTestSupport {
    private Node node;
    private SchedulerService service;

    @Override
    protected void setupResources() {
        node = new Node(new Dictionary(), null, Map.of(), Clock.systemUTC());
        service = new SchedulerService(node);
    }

    @Override
    public void configureTest(TestExecutionConfiguration t) {
        super.configureTest(t);
        t.withUseAdviceWith(true);
    }

    @Override
    protected void configure(MainConfigurationProperties main) {
        main.addConfiguration(new SchedulerConfiguration(service));
    }

    private void tick(long at) {
        template.sendBodyAndHeader("direct:tick", null, "fireTime", new Date(at));
    }

    @Test
    void eachTaskRunsAtItsOwnIntervalOnTheSchedulersTick() throws Exception {
        AdviceWith.adviceWith(context, "scheduler-1", a -> a.replaceFromWith("direct:tick"));
        context.start();
        node.camel(context);
        assertEquals("Stopped", context.getRouteController().getRouteStatus("scheduler-1").name());
        assertEquals("Stopped", context.getRouteController().getRouteStatus("scheduler-0").name());

        long t0 = 1_000_000;
        service.addUserTask(1, "every-2", 2000, "probe_two = ran", t0);
        service.addUserTask(1, "every-3", 3000, "probe_three = ran", t0 + 1000);
        service.start(1);
        assertTrue(service.isRunning(1));
        assertEquals(new ProcessStatus(true, "Schedulers IDs in use: [0 (system)] [1 (user)]"),
            node.processes().status("Scheduler"));

        NotifyBuilder six = new NotifyBuilder(context).fromRoute("scheduler-1").whenCompleted(6).create();
        tick(t0 - 1);
        assertNull(node.dictionary().get("probe_two"), "not due before its first run");
        tick(t0);
        assertEquals("ran", node.dictionary().get("probe_two"));
        tick(t0 + 1000);
        tick(t0 + 2000);
        tick(t0 + 3000);
        tick(t0 + 4000);
        assertTrue(six.matches(10, TimeUnit.SECONDS));
        ScheduledTask two = task("every-2");
        ScheduledTask three = task("every-3");
        assertEquals(3, two.runs(), "t0, t0+2 s, t0+4 s");
        assertEquals(2, three.runs(), "t0+1 s, t0+4 s");
        assertEquals(t0 + 6000, two.nextRun());
        assertEquals(t0 + 7000, three.nextRun());
        assertEquals("ran", node.dictionary().get("probe_three"));

        // A stopped route pauses the tasks and the scheduler leaves the row.
        context.getRouteController().stopRoute("scheduler-1");
        assertEquals(new ProcessStatus(true, "Schedulers IDs in use: [0 (system)]"),
            node.processes().status("Scheduler"));
        assertEquals(136, assertThrowsCode(() -> {
            service.start(1);
            service.start(1);
        }));
    }

    private ScheduledTask task(String name) {
        return service.scheduler(1).tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static int assertThrowsCode(Runnable r) {
        try {
            r.run();
        } catch (io.edgepublisher.command.CommandException e) {
            return e.code();
        }
        throw new AssertionError("no error");
    }
}
