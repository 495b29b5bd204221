package io.edgepublisher.ledger.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route {@code ledger-merge} (LEDGER.md §4.5): a complete ledger file from the master is merged into the local
 * ledger ({@code ledgerMerge}), then each local policy the master does not have yet is re-pushed to it with
 * {@code blockchain push\tignore} ({@code ledgerRepush}, one split step per policy, one attempt each). The merge
 * thread of {@link LedgerMerger} sends each file here, so merges never overlap and the newest waiting file wins; the
 * quartz-driven {@code blockchain-sync} cycle is what brings the files, so the re-push runs at the sync interval.
 * A failed re-push is logged and waits for the next merge; nothing here fails the merge.
 */
public final class MergeRoute extends RouteBuilder {
    public static final String ROUTE_ID = "ledger-merge";
    public static final String ENDPOINT = "direct:ledger-merge";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeGroup("ledger")
            .onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, MergeRoute.class.getName(),
                    "Ledger merge step failed: ${exception}; the next ledger file from the master retries")
            .end()
            .process("ledgerMerge").id("merge-into-ledger")
            .split(body()).id("each-local-policy-missing-on-master")
                .process("ledgerRepush").id("repush-to-master")
            .end();
    }

    /** Makes the merge thread of {@code merger} send each file through the route while it runs. */
    public static void attach(CamelContext ctx, LedgerMerger merger) {
        ProducerTemplate template = ctx.createProducerTemplate();
        merger.through(content -> {
            ServiceStatus s = ctx.getRouteController().getRouteStatus(ROUTE_ID);
            if (s == null || !s.isStarted()) {
                return false;
            }
            template.sendBody(ENDPOINT, content);
            return true;
        });
    }
}
