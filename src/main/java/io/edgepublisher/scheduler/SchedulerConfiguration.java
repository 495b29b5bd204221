package io.edgepublisher.scheduler;

import io.edgepublisher.node.QuartzTriggers;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * The schedulers' Camel wiring: the routes of scheduler 0 (system, started when the boot script is through) and
 * scheduler 1 ({@code run scheduler}), declared stopped, with their triggers paused until they start.
 */
public final class SchedulerConfiguration implements CamelConfiguration {
    private final SchedulerService service;

    public SchedulerConfiguration(SchedulerService service) {
        this.service = service;
    }

    @Override
    public void configure(CamelContext ctx) throws Exception {
        ctx.addRoutes(new SchedulerRoute(service.scheduler(0)));
        ctx.addRoutes(new SchedulerRoute(service.scheduler(1)));
        ctx.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                QuartzTriggers.pauseWhileStopped(context, "scheduler-0", "scheduler-1");
            }
        });
    }
}
