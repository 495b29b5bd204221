package io.edgepublisher.publisher.route;

import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.publisher.queue.QueuedFile;
import io.edgepublisher.publisher.routing.RouteDecision;
import io.edgepublisher.publisher.routing.Router;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Step {@code publisherDecide} (and bean {@code publisherRouter} for the transit predicate): the routing decision of a delivery attempt (PUBLISHER.md §4, §5.3). A pinned file
 * keeps its destination while that is still a candidate; otherwise the user route's choice (header
 * {@code destination}, from {@code direct:publisher-destination}), else {@code set data distribution}, else the
 * ledger metadata, else the table's automatic cluster ({@code new_table_cluster = auto}). Sets the header
 * {@code destination} (and {@code autoCluster} for an automatic route); no destination fails the attempt with
 * {@link NoRouteException}, all destinations in cooldown with {@link RouteWaitException}.
 */
public final class RoutingSteps {
    private final Supplier<PublisherRun> runs;

    public RoutingSteps(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    public void decide(Exchange exchange) {
        PublisherRun run = RunSteps.run(runs);
        QueuedFile f = RunSteps.file(exchange);
        DeliveryQueue q = run.queue();
        Router router = run.router();
        Message m = exchange.getMessage();
        String dbms = f.file().dbms();
        String table = f.file().table();
        String chosen = m.getHeader(PublisherHeaders.DESTINATION, String.class);
        String pinned = q.pinned(f);
        if (pinned != null) {
            Set<String> candidates = router.candidates(dbms, table, chosen);
            pinned = q.checkPin(f, candidates);
        }
        String dest;
        String key;
        String autoCluster;
        if (pinned != null) {
            dest = pinned;
            key = router.distributionKey(dbms, table, dest);
            autoCluster = key == null && chosen == null ? router.autoCluster(dbms, table, dest) : null;
            m.setHeader(PublisherHeaders.PINNED, pinned);
        } else {
            RouteDecision d = router.route(dbms, table, chosen, System.currentTimeMillis());
            if (d instanceof RouteDecision.NoRoute nr) {
                throw new NoRouteException(nr);
            }
            if (d instanceof RouteDecision.Wait w) {
                throw new RouteWaitException(w.untilMillis());
            }
            RouteDecision.Routed r = (RouteDecision.Routed) d;
            dest = r.dest();
            key = r.distributionKey();
            autoCluster = r.autoCluster();
        }
        q.routed(f, dest, key, autoCluster);
        m.setHeader(PublisherHeaders.DESTINATION, dest);
        if (autoCluster != null) {
            m.setHeader(PublisherHeaders.AUTO_CLUSTER, autoCluster);
        } else {
            m.removeHeader(PublisherHeaders.AUTO_CLUSTER);
        }
    }

    /** §5.2: whether the file is gzip'd for transit ({@code compress_transit}, and not compressed already). */
    public boolean gzipInTransit(Exchange exchange) {
        return RunSteps.run(runs).config().compressTransit()
            && !Boolean.TRUE.equals(exchange.getMessage().getHeader(PublisherHeaders.COMPRESSED, Boolean.class));
    }
}
