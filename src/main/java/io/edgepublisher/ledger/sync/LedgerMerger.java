package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.ledger.LedgerMerge;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.wire.TransferResult;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 */
public final class LedgerMerger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMerger.class);

    private final MetadataService metadata;
    private final Synchronizer sync;
    private final MasterLink link;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-merge");
        t.setDaemon(true);
        return t;
    });
    private byte[] waiting;
    private boolean running;

    public LedgerMerger(MetadataService metadata, Synchronizer sync, MasterLink link) {
        this.metadata = metadata;
        this.sync = sync;
        this.link = link;
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
            thread.execute(this::drain);
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

    /** Merges one file now, on the calling thread (tests, and the merge thread). */
    public void mergeNow(byte[] content) {
        LedgerMerge.Result r;
        try {
            r = metadata.merge(content);
        } catch (CommandException e) {
            LOG.error("Ledger file from the master rejected, the current ledger stays: {}", e.getMessage());
            sync.rejected(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Ledger merge failed, the current ledger stays", e);
            sync.rejected(new CommandException(io.edgepublisher.command.ErrorCode.PROCESS_FAILURE, e.toString()));
            return;
        }
        LOG.info("Ledger from the master merged: {} policies, {} local policies not yet on the master",
            r.merged().size(), r.missingLocal().size());
        sync.merged(r);
        repush(r);
    }

    private void repush(LedgerMerge.Result r) {
        SyncConfig c = sync.config();
        if (r.repushCommands().isEmpty() || c == null) {
            return;
        }
        for (int i = 0; i < r.repushCommands().size(); i++) {
            String id = r.missingLocal().get(i).id();
            try {
                TransferResult t = link.send(c.master(), r.repushCommands().get(i), true);
                if (!t.success()) {
                    LOG.info("Re-push of local policy {} to {} failed (retried after the next merge): {}", id,
                        c.master(), t.detail());
                }
            } catch (CommandException e) {
                LOG.warn("Re-push of local policy {} not sent: {}", id, e.getMessage());
            }
        }
    }

    /** Stops the merge thread; a merge in progress finishes first (at most 10 s are waited for). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A ledger merge was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
