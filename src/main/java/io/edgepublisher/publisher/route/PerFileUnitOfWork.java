package io.edgepublisher.publisher.route;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.spi.InflightRepository;
import org.slf4j.MDC;

/**
 * The unit of work of an exchange of a per-file publisher route when {@code camel.main.use-mdc-logging} is on: like
 * Camel's {@code MDCUnitOfWork}, but it keeps only {@value #ROUTE_ID} in the logging MDC, the one key the node's log
 * line shows ({@code node.LogFormat}), and carries it across the routes' asynchronous steps ({@code tsdinfo:},
 * {@code publisher-queue:slot}). Camel's unit of work reads and writes seven keys at every step and every thread
 * change, which cost about a tenth of the CPU of a file.
 */
final class PerFileUnitOfWork extends DefaultUnitOfWork {
    static final String ROUTE_ID = "camel.routeId";

    PerFileUnitOfWork(Exchange exchange, InflightRepository inflight, boolean allowUseOriginalMessage,
                      boolean useBreadcrumb) {
        super(exchange, inflight, allowUseOriginalMessage, useBreadcrumb);
        String id = exchange.getFromRouteId();
        if (id != null) {
            MDC.put(ROUTE_ID, id);
        }
    }

    @Override
    public void pushRoute(Route route) {
        super.pushRoute(route);
        MDC.put(ROUTE_ID, route.getRouteId());
    }

    @Override
    public Route popRoute() {
        Route last = super.popRoute();
        Route now = getRoute();
        if (now != null) {
            MDC.put(ROUTE_ID, now.getRouteId());
        }
        return last;
    }

    @Override
    public boolean isBeforeAfterProcess() {
        return true;
    }

    /** A step that continues on another thread puts the route id into that thread's MDC first. */
    @Override
    public AsyncCallback beforeProcess(Processor processor, Exchange exchange, AsyncCallback callback) {
        Route r = getRoute();
        String id = r != null ? r.getRouteId() : exchange.getFromRouteId();
        return doneSync -> {
            if (!doneSync && id != null) {
                MDC.put(ROUTE_ID, id);
            }
            callback.done(doneSync);
        };
    }

    /** The exchange continues elsewhere: this thread no longer works for the route. */
    @Override
    public void afterProcess(Processor processor, Exchange exchange, AsyncCallback callback, boolean doneSync) {
        if (!doneSync) {
            MDC.remove(ROUTE_ID);
        }
        super.afterProcess(processor, exchange, callback, doneSync);
    }

    @Override
    public void done(Exchange exchange) {
        super.done(exchange);
        MDC.remove(ROUTE_ID);
    }
}
