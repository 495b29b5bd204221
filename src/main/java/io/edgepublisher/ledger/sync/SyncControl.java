package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.ledger.query.PolicyQuery;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sync commands do (COMMANDS.md §4.9): start the synchroniser and its route, force a sync, stop it, and
 * report the {@code Blockchain Sync} row of {@code get processes}. A node service.
 */
public final class SyncControl {
    private static final Logger LOG = LoggerFactory.getLogger(SyncControl.class);

    private final Node node;
    private final MetadataService metadata;
    private final Synchronizer sync;
    private final MasterLink link;

    public SyncControl(Node node, MetadataService metadata, Synchronizer sync, MasterLink link) {
        this.node = node;
        this.metadata = metadata;
        this.sync = sync;
        this.link = link;
    }

    public Synchronizer synchronizer() {
        return sync;
    }

    /**
     * {@code run blockchain sync where …}: starts the synchroniser and the {@code blockchain-sync} route, sends the
     * first request (hash 0) and waits up to min(10 s, interval) for the ledger. A timeout is not an error. While a
     * synchroniser runs, the same settings are a duplicate (136); other settings (a new {@code time}, another
     * master) are taken over and reschedule the route's trigger.
     *
     * @throws CommandException 136 when a synchroniser runs with these settings, 135 without a TCP server, 2 without
     *                          a master address
     */
    public synchronized void start(SyncOptions o) {
        SyncConfig running = sync.config();
        if (running != null) {
            SyncConfig asked;
            try {
                asked = new SyncConfig(o.connection() != null ? o.connection() : masterFromLedger(),
                    o.intervalSeconds());
            } catch (CommandException e) {
                throw new io.edgepublisher.command.AlreadyRunning(
                    "Duplicate call to initiate blockchain synchronizer", false);
            }
            if (running.equals(asked)) {
                throw new io.edgepublisher.command.AlreadyRunning(
                    "Duplicate call to initiate blockchain synchronizer", true);
            }
            // Other settings: the running synchroniser takes them and its trigger is rescheduled.
            LOG.info("Blockchain sync rescheduled: every {} seconds with master {} (was every {} seconds with {})",
                asked.intervalSeconds(), asked.master(), running.intervalSeconds(), running.master());
            run(asked);
            return;
        }
        if (!link.tcpRunning()) {
            throw new CommandException(ErrorCode.TCP_NOT_RUNNING,
                "The ledger arrives on a new connection to this node: start 'run tcp server' first");
        }
        String master = o.connection() != null ? o.connection() : masterFromLedger();
        run(new SyncConfig(master, o.intervalSeconds()));
    }

    /** Takes {@code config}, (re)schedules the route's trigger at its interval, then the first sync and its wait. */
    private void run(SyncConfig config) {
        sync.start(config);
        try {
            SyncRoute.schedule(Routes.requireContext(node), config.intervalSeconds() * 1000L);
        } catch (CommandException e) {
            sync.stop();
            throw e;
        }
        LOG.info("Blockchain sync every {} seconds with master {}", config.intervalSeconds(), config.master());
        syncAndWait(config);
    }

    /**
     * The bare {@code run blockchain sync}: one request with hash 0 now, then the bounded wait.
     *
     * @throws CommandException 150 when no synchroniser is configured
     */
    public void syncNow() {
        SyncConfig c = sync.config();
        if (c == null) {
            throw new CommandException(ErrorCode.SYNC_NOT_RUNNING,
                "Start it with 'run blockchain sync where source = master and time = … and dest = file'");
        }
        syncAndWait(c);
    }

    /**
     * {@code exit synchronizer}: stops the route and the requests.
     *
     * @throws CommandException 150 when no synchroniser runs
     */
    public synchronized void exit() {
        if (sync.config() == null) {
            throw new CommandException(ErrorCode.SYNC_NOT_RUNNING, "No blockchain synchronizer to stop");
        }
        sync.stop();
        CamelContext ctx = node.camel();
        if (ctx != null) {
            try {
                SyncRoute.stop(ctx);
            } catch (Exception e) {
                throw new CommandException(ErrorCode.PROCESS_FAILURE,
                    "Route " + SyncRoute.ROUTE_ID + " did not stop: " + e.getMessage(), e);
            }
        }
        LOG.info("Blockchain synchronizer stopped");
    }

    /** The {@code Blockchain Sync} row (COMMANDS.md §4.23). */
    public ProcessStatus status() {
        ProcessStatus running = sync.runningStatus();
        if (running != null) {
            // A route stopped over JMX pauses a configured synchroniser: not running, but a master is configured.
            return Routes.isStarted(node, SyncRoute.ROUTE_ID) ? running : ProcessStatus.notDeclared("");
        }
        if (!node.dictionary().isDefined("ledger_conn")) {
            return ProcessStatus.notDeclared("No master configured: local ledger only");
        }
        return ProcessStatus.notDeclared("");
    }

    private void syncAndWait(SyncConfig c) {
        long mark = sync.filesHandled();
        boolean sent = sync.request(true);
        if (!sent) {
            LOG.warn("Ledger request to {} failed; the next attempt is in {} seconds", c.master(), c.intervalSeconds());
        } else if (!sync.awaitFileAfter(mark, c.waitMillis())) {
            LOG.info("No ledger file from {} within {} ms; continuing with the local ledger", c.master(),
                c.waitMillis());
        }
        metadata.notifyListeners();
    }

    /** The first address of {@code blockchain get master bring.ip_port}, or 2 when the ledger names no master. */
    private String masterFromLedger() {
        String text = PolicyQuery.parse(List.of("master", "bring.ip_port"))
            .evaluate(metadata.snapshot(), metadata.addressRule()).text();
        String first = text == null ? "" : text.split(",", 2)[0].trim();
        if (first.isEmpty()) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Missing 'connection' info for master node");
        }
        return first;
    }
}
