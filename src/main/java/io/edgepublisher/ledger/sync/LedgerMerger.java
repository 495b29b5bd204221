package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.ledger.LedgerMerge;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.wire.TransferResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges ledger files received from the master (LEDGER.md §4.5) on its own thread, so the connection that carried
 * the file is not held up. A file that arrives while a merge runs waits; when several wait, only the newest is
 * merged (step 7), because each received file is the master's complete ledger.
 *
 * <p>After a merge: the synchroniser records the md5 values and wakes a waiting {@code run blockchain sync}; then
 * the local policies the master does not have yet are re-pushed with {@code blockchain push\tignore} (step 4), one
 * attempt each, failures ignored (the next merge retries). A file that does not merge (59, 69, 48) is logged and
 * shown in the sync row; the current ledger stays.
 *
 * <p>A Camel service: its thread comes from the {@code ep-ledger-merge} profile of Camel's
 * {@link ExecutorServiceManager} when the context starts it, and stops with the context.
 */
public final class LedgerMerger extends ServiceSupport implements CamelContextAware, AutoCloseable {
    /** The thread pool profile of the merge thread (one thread: merges never overlap). */
    public static final String POOL = "ep-ledger-merge";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMerger.class);

    private final MetadataService metadata;
    private final Synchronizer sync;
    private final MasterLink link;
    private CamelContext camel;
    private volatile ExecutorService thread;
    private boolean ownThread;
    private byte[] waiting;
    private boolean running;
    private volatile MergeSteps route;

    public LedgerMerger(MetadataService metadata, Synchronizer sync, MasterLink link) {
        this.metadata = metadata;
        this.sync = sync;
        this.link = link;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    /** Registers the {@code ep-ledger-merge} profile: one thread, files queue behind it (only the newest waits). */
    public static void register(ExecutorServiceManager m) {
        if (m.getThreadPoolProfile(POOL) == null) {
            ThreadPoolProfile p = new ThreadPoolProfileBuilder(POOL).poolSize(1).maxPoolSize(1)
                .maxQueueSize(Integer.MAX_VALUE).build();
            m.registerThreadPoolProfile(p);
        }
    }

    /** For nodes without Camel (command tests): merges run on {@code executor}, which {@link #close} shuts down. */
    public void runOn(ExecutorService executor) {
        this.thread = executor;
        this.ownThread = false;
    }

    @Override
    protected void doStart() {
        if (thread == null && camel != null) {
            ExecutorServiceManager m = camel.getExecutorServiceManager();
            register(m);
            thread = m.newThreadPool(this, POOL, POOL);
            ownThread = true;
        }
    }

    /** Stops the merge thread; a merge in progress finishes first (at most 10 s are waited for). */
    @Override
    protected void doStop() {
        ExecutorService t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        if (ownThread) {
            camel.getExecutorServiceManager().shutdownGraceful(t, 10_000);
            return;
        }
        t.shutdown();
        try {
            if (!t.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("A ledger merge was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a complete received file's content; a file still waiting is replaced by this newer one. */
    public void submit(byte[] content) {
        synchronized (this) {
            if (waiting != null) {
                LOG.info("A newer ledger file arrived while a merge was running; the older waiting file is skipped");
            }
            waiting = content;
            if (running) {
                return;
            }
            running = true;
        }
        try {
            ExecutorService t = thread;
            if (t == null) {
                throw new RejectedExecutionException("the merge thread is not running");
            }
            t.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;
            }
            LOG.warn("Ledger file received while the node stops; not merged");
        }
    }

    private void drain() {
        while (true) {
            byte[] next;
            synchronized (this) {
                next = waiting;
                waiting = null;
                if (next == null) {
                    running = false;
                    return;
                }
            }
            mergeNow(next);
        }
    }

    /**
     * Merges one file on the calling thread: through the route {@code ledger-merge} once it runs (the merge thread
     * sends it there), or directly (nodes without Camel, and tests), with the same steps.
     */
    public void mergeNow(byte[] content) {
        MergeSteps steps = route;
        if (steps != null && steps.send(content)) {
            return;
        }
        for (Repush p : merge(content)) {
            repush(p);
        }
    }

    /**
     * Step 1 of a merge: merges the master's file into the ledger and records it in the synchroniser. Returns the
     * local policies to re-push, or nothing when the file is rejected (logged; the current ledger stays) or no
     * master is set.
     */
    public List<Repush> merge(byte[] content) {
        LedgerMerge.Result r;
        try {
            r = metadata.merge(content);
        } catch (CommandException e) {
            LOG.error("Ledger file from the master rejected, the current ledger stays: {}", e.getMessage());
            sync.rejected(e);
            return List.of();
        } catch (RuntimeException e) {
            LOG.error("Ledger merge failed, the current ledger stays", e);
            sync.rejected(new CommandException(io.edgepublisher.command.ErrorCode.PROCESS_FAILURE, e.toString()));
            return List.of();
        }
        LOG.info("Ledger from the master merged: {} policies, {} local policies not yet on the master",
            r.merged().size(), r.missingLocal().size());
        sync.merged(r);
        SyncConfig c = sync.config();
        if (r.repushCommands().isEmpty() || c == null) {
            return List.of();
        }
        List<Repush> out = new ArrayList<>(r.repushCommands().size());
        for (int i = 0; i < r.repushCommands().size(); i++) {
            out.add(new Repush(r.missingLocal().get(i).id(), c.master(), r.repushCommands().get(i)));
        }
        return out;
    }

    /**
     * Step 2, per local policy: one {@code blockchain push\tignore} to the master, one connection attempt; a
     * failure is logged and left to the next merge (LEDGER.md §4.5 step 4), so it never fails the merge.
     */
    public void repush(Repush p) {
        try {
            TransferResult t = link.send(p.master(), p.command(), true);
            if (!t.success()) {
                LOG.info("Re-push of local policy {} to {} failed (retried after the next merge): {}", p.policyId(),
                    p.master(), t.detail());
            }
        } catch (CommandException e) {
            LOG.warn("Re-push of local policy {} not sent: {}", p.policyId(), e.getMessage());
        }
    }

    /** Where the merge thread sends a file: the route, while it runs. */
    void through(MergeSteps steps) {
        this.route = steps;
    }

    /** A local policy the master does not have yet, and the command that pushes it. */
    public record Repush(String policyId, String master, String command) {
        @Override
        public String toString() {
            return "re-push of " + policyId + " to " + master;
        }
    }

    /** Sends a received file through the merge route; false when the route does not run. */
    interface MergeSteps {
        boolean send(byte[] content);
    }

    /** Stops the merge thread (nodes without Camel; under Camel the context stops it). */
    @Override
    public void close() {
        if (thread != null && !ownThread) {
            doStop();
        } else {
            stop();
        }
    }
}
