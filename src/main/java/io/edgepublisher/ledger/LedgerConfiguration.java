package io.edgepublisher.ledger;

import io.edgepublisher.ledger.sync.LedgerMerger;
import io.edgepublisher.node.QuartzTriggers;
import io.edgepublisher.ledger.sync.MasterUnreachableException;
import io.edgepublisher.ledger.sync.MergeRoute;
import io.edgepublisher.ledger.sync.SyncRoute;
import io.edgepublisher.ledger.sync.Synchronizer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Processor;

/**
 * The ledger's Camel wiring: the steps of the {@code blockchain-sync} route, bound by name so the route dump reads
 * {@code process: ledgerSyncRequest}; the merge thread as a Camel service (profile {@code ep-ledger-merge}); the
 * route itself, declared stopped ({@link SyncRoute}) until {@code run blockchain sync} starts it; and the route
 * {@code ledger-merge} ({@link MergeRoute}) that merges each file the master sends and re-pushes the local policies
 * it lacks.
 */
public final class LedgerConfiguration implements CamelConfiguration {
    private final Synchronizer sync;
    private final MetadataService metadata;
    private final LedgerMerger merger;
    private final long syncMillis;

    /** {@code syncMillis}: the sync interval the route is declared with (the node's {@code blockchain_sync}). */
    public LedgerConfiguration(Synchronizer sync, MetadataService metadata, LedgerMerger merger, long syncMillis) {
        this.sync = sync;
        this.metadata = metadata;
        this.merger = merger;
        this.syncMillis = syncMillis;
    }

    /** One ledger request with the hash rule (LEDGER.md §4.4 step 2); an unreachable master throws. */
    @BindToRegistry("ledgerSyncRequest")
    public Processor ledgerSyncRequest() {
        return e -> sync.requestOrThrow(false);
    }

    /** The failed request was recorded by the request step; the log says so once per change of state. */
    @BindToRegistry("ledgerSyncUnreachable")
    public Processor ledgerSyncUnreachable() {
        return e -> sync.unreachable(e.getProperty(Exchange.EXCEPTION_CAUGHT, MasterUnreachableException.class));
    }

    /** The metadata listeners run after every cycle, whether or not the ledger changed (files waiting for a route). */
    @BindToRegistry("ledgerSyncNotify")
    public Processor ledgerSyncNotify() {
        return e -> metadata.notifyListeners();
    }

    /** Merges a file received from the master; the body becomes the local policies to re-push. */
    @BindToRegistry("ledgerMerge")
    public Processor ledgerMerge() {
        return e -> e.getMessage().setBody(merger.merge(e.getMessage().getBody(byte[].class)));
    }

    /** One re-push of a local policy to the master (one attempt; a failure waits for the next merge). */
    @BindToRegistry("ledgerRepush")
    public Processor ledgerRepush() {
        return e -> merger.repush(e.getMessage().getBody(LedgerMerger.Repush.class));
    }

    @Override
    public void configure(CamelContext ctx) throws Exception {
        LedgerMerger.register(ctx.getExecutorServiceManager());
        ctx.addService(merger, true, true);
        ctx.addRoutes(new SyncRoute(syncMillis));
        ctx.addRoutes(new MergeRoute());
        ctx.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                QuartzTriggers.pauseWhileStopped(context, SyncRoute.ROUTE_ID);
                MergeRoute.attach(context, merger);
            }
        });
    }
}
