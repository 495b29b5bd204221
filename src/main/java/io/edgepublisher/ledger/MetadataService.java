package io.edgepublisher.ledger;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import io.edgepublisher.ledger.routing.RoundRobinState;
import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's metadata (a node service, also registered as {@link Metadata}): the local {@link Ledger} over
 * {@code !blockchain_file}, the current {@link RoutingIndex} built from it with one long-lived
 * {@link RoundRobinState}, and the change listeners of the publisher.
 *
 * <p>The index is rebuilt after every change of the ledger (boot, insert, merge, reload, LEDGER.md §6.1); a build
 * that fails keeps the previous index. Listeners run after every rebuild and after every synchronisation cycle.
 * Readers never lock: the ledger snapshot and the index are swapped atomically.
 */
public final class MetadataService implements Metadata {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataService.class);

    private final Ledger ledger;
    private final Dictionary dictionary;
    private final RoundRobinState roundRobin = new RoundRobinState();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile RoutingIndex index;

    /**
     * @param ledgerFile {@code !blockchain_file}
     * @param dictionary the node dictionary, read for this node's IPs ({@code external_ip}, {@code ip}) at every
     *                   rebuild, because a boot script may still change them
     */
    public MetadataService(Path ledgerFile, Dictionary dictionary) {
        this.ledger = new Ledger(ledgerFile);
        this.dictionary = dictionary;
        this.index = RoutingIndex.build(LedgerSnapshot.EMPTY, addressRule(), roundRobin);
    }

    /** The local ledger (single writer; its snapshot is what {@code blockchain get} reads). */
    public Ledger ledger() {
        return ledger;
    }

    /** The current ledger version. */
    public LedgerSnapshot snapshot() {
        return ledger.snapshot();
    }

    /** The current routing index (never null; empty before the first ledger). */
    @Override
    public RoutingIndex index() {
        return index;
    }

    /** The §6.4 address rule with this node's external and internal IP, also used by {@code bring.ip_port}. */
    public NodeAddressRule addressRule() {
        return new NodeAddressRule(dictionary.get("external_ip"), dictionary.get("ip"));
    }

    /**
     * Boot phase 0: reads the ledger file if it exists and builds the index. A missing, empty or invalid file is
     * logged and leaves an empty ledger; it never stops the boot.
     */
    public void loadAtBoot() {
        Path file = ledger.file();
        if (Files.exists(file)) {
            try {
                LedgerSnapshot s = ledger.reload();
                LOG.info("Local ledger {} loaded: {} policies", file, s.size());
            } catch (CommandException e) {
                LOG.warn("Local ledger {} not loaded, starting with an empty ledger: {}", file, e.getMessage());
            }
        }
        rebuild("boot");
    }

    /**
     * {@code blockchain reload metadata}: re-reads the file, rebuilds the index and tells the listeners.
     *
     * @throws CommandException 58 without a file, 59 for an empty one, 69 for an invalid line; the previous
     *                          ledger and index stay in force
     */
    public LedgerSnapshot reload() {
        LedgerSnapshot s = ledger.reload();
        rebuild("reload");
        return s;
    }

    /**
     * {@code blockchain insert … local = true}: appends the prepared policy, then rebuilds the index.
     *
     * @throws CommandException 180, 70, 48 (see {@link Ledger#insertLocal})
     */
    public Policy insertLocal(Policy prepared) {
        Policy stored = ledger.insertLocal(prepared);
        rebuild("insert of policy " + stored.id());
        return stored;
    }

    /**
     * Merges a ledger received from the master (LEDGER.md §4.5 steps 1–5) and rebuilds the index.
     *
     * @throws CommandException 59 empty, 69 invalid, 48 not writable; the current ledger stays
     */
    public LedgerMerge.Result merge(byte[] received) {
        LedgerMerge.Result r = ledger.merge(received);
        rebuild("merge");
        return r;
    }

    /**
     * Rebuilds the routing index from the current snapshot and tells the listeners. A failed build keeps the
     * previous index (and says why in the log).
     */
    public void rebuild(String why) {
        try {
            RoutingIndex built = RoutingIndex.build(ledger.snapshot(), addressRule(), roundRobin);
            built.warnings().forEach(w -> LOG.warn("Routing metadata: {}", w));
            index = built;
            LOG.debug("Routing metadata rebuilt after {}", why);
        } catch (RuntimeException e) {
            LOG.error("Routing metadata not rebuilt after {}; the previous metadata stays in force", why, e);
        }
        notifyListeners();
    }

    /** Tells every listener that the metadata may have changed; a failing listener is logged and skipped. */
    public void notifyListeners() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("Metadata change listener failed", e);
            }
        }
    }

    @Override
    public RouteResult nextDestination(String companyOption, String dbms, String table,
                                       Predicate<String> inCooldown) {
        return index.nextDestination(companyOption, dbms, table, inCooldown);
    }

    @Override
    public Set<String> candidates(String companyOption, String dbms, String table) {
        return index.candidates(companyOption, dbms, table);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
