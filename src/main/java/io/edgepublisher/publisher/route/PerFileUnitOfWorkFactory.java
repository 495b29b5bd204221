package io.edgepublisher.publisher.route;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;

/**
 * Camel's unit-of-work factory, except for exchanges that start in a per-file publisher route ({@link #ROUTES}) while
 * MDC logging is on: those get a {@link PerFileUnitOfWork}, which keeps only the route id in the MDC. Every other
 * exchange (and every exchange when MDC logging is off) gets what Camel's own factory makes.
 */
public final class PerFileUnitOfWorkFactory implements UnitOfWorkFactory {
    /** The routes whose exchanges are one per file (their {@code from} route ids). */
    public static final Set<String> ROUTES = Set.of(PublisherRoutes.WATCH, PublisherRoutes.DELIVER,
        PublisherRoutes.ACCEPT);

    private final UnitOfWorkFactory camels;
    private volatile CamelContext ctx;

    public PerFileUnitOfWorkFactory(UnitOfWorkFactory camels) {
        this.camels = camels;
    }

    @Override
    public void afterPropertiesConfigured(CamelContext context) {
        camels.afterPropertiesConfigured(context);
        ctx = context;
    }

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        CamelContext c = ctx;
        String from = exchange.getFromRouteId();
        if (c != null && from != null && c.isUseMDCLogging() && ROUTES.contains(from)) {
            return new PerFileUnitOfWork(exchange, c.getInflightRepository(), c.isAllowUseOriginalMessage(),
                c.isUseBreadcrumb());
        }
        return camels.createUnitOfWork(exchange);
    }
}
