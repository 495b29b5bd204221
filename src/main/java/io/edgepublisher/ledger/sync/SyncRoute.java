package io.edgepublisher.ledger.sync;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route {@code blockchain-sync}: a quartz trigger every sync interval runs one ledger request. The first fire
 * is one interval after the start, because {@code run blockchain sync} sends the first request itself. The trigger
 * is stateful, so a slow request (a master that does not close) delays the next cycle instead of overlapping it.
 * Stopping the route (JMX) pauses synchronisation and shows the row as not running.
 */
public final class SyncRoute extends RouteBuilder {
    /** The route id of the synchroniser. */
    public static final String ROUTE_ID = "blockchain-sync";
    private static final Logger LOG = LoggerFactory.getLogger(SyncRoute.class);
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final long intervalMillis;
    private final Runnable cycle;

    /**
     * @param cycle one synchronisation cycle: a request, then telling the metadata listeners
     */
    public SyncRoute(long intervalMillis, Runnable cycle) {
        this.intervalMillis = intervalMillis;
        this.cycle = cycle;
    }

    @Override
    public void configure() {
        // A fresh trigger name per start: a restarted synchroniser never inherits an old trigger's schedule.
        String trigger = "quartz://blockchain-sync/cycle-" + STARTS.incrementAndGet()
            + "?trigger.repeatInterval=" + intervalMillis + "&trigger.repeatCount=-1"
            + "&triggerStartDelay=" + intervalMillis + "&stateful=true";
        from(trigger).routeId(ROUTE_ID).routeGroup(ROUTE_ID).process(e -> {
            try {
                cycle.run();
            } catch (RuntimeException ex) {
                LOG.warn("Blockchain sync cycle failed", ex);
            }
        });
    }
}
