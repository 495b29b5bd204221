package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.ledger.LedgerFile;
import io.edgepublisher.ledger.LedgerMerge;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.wire.TransferResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger synchroniser of one node (LEDGER.md §4.4–4.6): which master it talks to and how often, the persisted
 * {@link SyncState} ({@code !state_dir/sync.json}), the sync requests, and the bookkeeping of received files that
 * {@code run blockchain sync} waits for. The timing is the job of the {@code blockchain-sync} route
 * ({@link SyncRoute}); this class is plain Java.
 *
 * <p>Thread-safe: requests are serialised (a quartz cycle and a forced sync never overlap), and merges report here
 * from the merge thread.
 */
public final class Synchronizer {
    private static final Logger LOG = LoggerFactory.getLogger(Synchronizer.class);

    private final MasterLink link;
    private final Path ledgerFile;
    private final Path blockchainNew;
    private final Path stateFile;
    private final Clock clock;
    private final Supplier<String> defaultMaster;
    private final Object filesLock = new Object();
    private final Object requestLock = new Object();

    private volatile SyncConfig config;
    private SyncState state;
    private volatile String lastFileError;
    private volatile String lastHash;
    private long filesHandled;

    /**
     * @param ledgerFile    {@code !blockchain_file} (its md5 decides the hash, §4.4 step 2)
     * @param blockchainNew {@code !blockchain_new}, absolute, the path named in every request
     * @param stateFile     {@code !state_dir/sync.json}
     * @param defaultMaster {@code !master_node}, read when needed (null when undefined): the master whose files
     *                      are accepted while no synchroniser names one
     */
    public Synchronizer(MasterLink link, Path ledgerFile, Path blockchainNew, Path stateFile,
                        Supplier<String> defaultMaster, Clock clock) {
        this.link = link;
        this.ledgerFile = ledgerFile;
        this.blockchainNew = blockchainNew.toAbsolutePath();
        this.stateFile = stateFile;
        this.clock = clock;
        this.defaultMaster = defaultMaster;
        SyncState loaded = null;
        try {
            loaded = SyncState.load(stateFile).orElse(null);
        } catch (IOException | CommandException e) {
            LOG.warn("Sync state {} not readable, starting afresh: {}", stateFile, e.getMessage());
        }
        this.state = loaded != null ? loaded : SyncState.initial(defaultMaster.get());
    }

    /** The running configuration, or null when no synchroniser was started (or it was stopped). */
    public SyncConfig config() {
        return config;
    }

    /**
     * The master whose ledger files are accepted: the running synchroniser's connection, else {@code !master_node}
     * (a master recorded by an earlier run is not trusted by itself); null when there is none.
     */
    public String master() {
        SyncConfig c = config;
        return c != null ? c.master() : defaultMaster.get();
    }

    /** The absolute {@code !blockchain_new} path named in requests. */
    public Path blockchainNew() {
        return blockchainNew;
    }

    /** Starts synchronising with {@code c.master()}; a state recorded for another master is dropped. */
    public synchronized void start(SyncConfig c) {
        state = state.forMaster(c.master());
        config = c;
        save();
    }

    /** {@code exit synchronizer}: no more requests; ledger files are then accepted only from {@code !master_node}. */
    public void stop() {
        config = null;
    }

    /** A snapshot of the recorded state. */
    public synchronized SyncState state() {
        return state;
    }

    /** The hash sent with the last request ({@code 0} or an md5), null before the first. */
    public String lastHash() {
        return lastHash;
    }

    /**
     * Sends one ledger request to the master (one connection attempt, PROTOCOL.md §9.2); a failure is logged once
     * per change of state (the next success is logged too).
     *
     * @param forceZero send hash {@code 0} (the first request after a start, a bare {@code run blockchain sync})
     * @return true when the request was sent; false when no synchroniser runs or the master was not reached
     */
    public boolean request(boolean forceZero) {
        try {
            return requestOrThrow(forceZero);
        } catch (MasterUnreachableException e) {
            unreachable(e);
            return false;
        }
    }

    /**
     * The request step of the {@code blockchain-sync} route: as {@link #request}, but an unreachable master is an
     * exception, for the route's {@code onException}.
     *
     * @return true when the request was sent, false when no synchroniser runs or the request could not be built
     * @throws MasterUnreachableException when the master was not reached (the state records the failure)
     */
    public boolean requestOrThrow(boolean forceZero) {
        // Requests are serialised by their own lock: the state lock is never held during network I/O, so
        // get processes and the receiver of the master's answer are never blocked by a slow master.
        synchronized (requestLock) {
            SyncConfig c = config;
            if (c == null) {
                return false;
            }
            String current;
            try {
                current = LedgerFile.md5(ledgerFile);
            } catch (CommandException e) {
                current = null; // unreadable: ask for the whole ledger
            }
            String hash;
            synchronized (this) {
                hash = state.hashToSend(current, forceZero);
            }
            TransferResult r;
            try {
                r = link.send(c.master(), SyncRequest.command(blockchainNew, hash), true);
            } catch (CommandException e) {
                LOG.warn("Ledger request to {} not sent: {}", c.master(), e.getMessage());
                return false;
            }
            lastHash = hash;
            boolean wasFailing;
            synchronized (this) {
                wasFailing = state.lastAttemptFailed();
                state = r.success() ? state.requested(clock.instant()) : state.failed(clock.instant());
                save();
            }
            if (!r.success()) {
                throw new MasterUnreachableException(c.master(), r.detail(), !wasFailing);
            }
            if (wasFailing) {
                LOG.info("Master {} reached again", c.master());
            }
            return true;
        }
    }

    /** Logs a failed request when it changed the state (the first failure after a success). */
    public void unreachable(MasterUnreachableException e) {
        if (e.firstFailure()) {
            LOG.warn("{}; the ledger stays as it is and the next interval retries", e.getMessage());
        }
    }

    /** A counter of received ledger files (merged or rejected), for {@link #awaitFileAfter}. */
    public long filesHandled() {
        synchronized (filesLock) {
            return filesHandled;
        }
    }

    /**
     * Waits until a ledger file arrived after {@code mark} (a value of {@link #filesHandled()}), at most
     * {@code millis}.
     *
     * @return true when one arrived (merged or rejected), false on timeout or interruption
     */
    public boolean awaitFileAfter(long mark, long millis) {
        return awaitFileAfter(mark, millis, () -> false);
    }

    /** As {@link #awaitFileAfter(long, long)}, also ending early when {@code giveUp} says so (polled). */
    public boolean awaitFileAfter(long mark, long millis, BooleanSupplier giveUp) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (filesLock) {
            while (filesHandled <= mark) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || giveUp.getAsBoolean()) {
                    return false;
                }
                try {
                    filesLock.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** A received ledger was merged (§4.5 step 5): records its md5 values and wakes waiters. */
    public void merged(LedgerMerge.Result r) {
        synchronized (this) {
            state = state.merged(clock.instant(), r.receivedMd5(), r.mergedMd5());
            lastFileError = null;
            save();
        }
        fileHandled();
    }

    /** A received ledger was refused by the merge (59, 69, 48): the old ledger stays; the error is shown. */
    public void rejected(CommandException e) {
        lastFileError = e.getMessage();
        fileHandled();
    }

    /** The last rejected file's error, or null when the last file was merged. */
    public String lastFileError() {
        return lastFileError;
    }

    private void fileHandled() {
        synchronized (filesLock) {
            filesHandled++;
            filesLock.notifyAll();
        }
    }

    /**
     * The {@code Blockchain Sync} row while running (COMMANDS.md §4.9): the interval and master, or the failed
     * connection; a refused ledger file is appended until the next file merges.
     */
    public synchronized ProcessStatus runningStatus() {
        SyncConfig c = config;
        if (c == null) {
            return null;
        }
        String details = state.statusText(c.intervalSeconds());
        String err = lastFileError;
        return ProcessStatus.running(err == null ? details : details + " (last ledger file rejected: " + err + ")");
    }

    private void save() {
        if (stateFile == null) {
            return;
        }
        try {
            state.save(stateFile);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Sync state not saved to {}: {}", stateFile, e.toString());
        }
    }
}
