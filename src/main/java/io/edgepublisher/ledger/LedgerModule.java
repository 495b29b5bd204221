package io.edgepublisher.ledger;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.ledger.sync.SyncState;
import io.edgepublisher.node.Routes;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.ops.ReadinessProbes;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.ledger.commands.BlockchainGetCommand;
import io.edgepublisher.ledger.commands.ExitSynchronizerCommand;
import io.edgepublisher.ledger.commands.InsertPolicyCommand;
import io.edgepublisher.ledger.commands.PreparePolicyCommand;
import io.edgepublisher.ledger.commands.PushPolicyCommand;
import io.edgepublisher.ledger.commands.ReloadMetadataCommand;
import io.edgepublisher.ledger.commands.RunBlockchainSyncCommand;
import io.edgepublisher.ledger.sync.LedgerMerger;
import io.edgepublisher.ledger.sync.MasterFileReceiver;
import io.edgepublisher.ledger.sync.MasterLink;
import io.edgepublisher.ledger.sync.SyncControl;
import io.edgepublisher.ledger.sync.Synchronizer;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.inbound.EchoListeners;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the metadata capability into a node: the services ({@link MetadataService} also as {@link Metadata},
 * {@link SyncControl}, {@link Synchronizer}, and the {@link LedgerFileReceiver} the TCP server hands flag-2 files
 * to), the {@code blockchain …} and sync commands, the {@code Blockchain Sync} process row, and the boot-phase-0
 * load of the local ledger.
 */
public final class LedgerModule {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerModule.class);

    private LedgerModule() {
    }

    /**
     * The node's {@code blockchain_sync} in milliseconds (EnvImport sets it from BLOCKCHAIN_SYNC); a dictionary without
     * it (tests that skip EnvImport) gets the bundled default.
     */
    public static long syncMillis(Dictionary d) {
        String v = d.get("blockchain_sync");
        long s = v == null ? -1 : io.edgepublisher.config.Units.parseTimeSeconds(v);
        return (s > 0 ? s : io.edgepublisher.config.Defaults.seconds("BLOCKCHAIN_SYNC")) * 1000;
    }

    public static void install(Node node) {
        Dictionary d = node.dictionary();
        Path ledgerFile = path(node, "blockchain_file", "blockchain.json");
        Path blockchainNew = path(node, "blockchain_new", "blockchain.new");
        Path stateFile = node.dirs() != null ? node.dirs().dir("state_dir").resolve("sync.json")
            : d.get("state_dir") != null ? Path.of(d.get("state_dir"), "sync.json") : null;

        MetadataService metadata = new MetadataService(ledgerFile, d);
        MasterLink link = new MasterLink(node);
        Synchronizer sync = new Synchronizer(link, ledgerFile, blockchainNew, stateFile, () -> d.get("master_node"),
            node.clock());
        LedgerMerger merger = new LedgerMerger(metadata, sync, link);
        SyncControl control = new SyncControl(node, metadata, sync, link);

        // One bean; Beans.get(node, Metadata.class) finds it by type.
        Beans.bind(node, MetadataService.class, metadata);
        Beans.bind(node, Synchronizer.class, sync);
        Beans.bind(node, SyncControl.class, control);
        Beans.bind(node, LedgerMerger.class, merger);
        Beans.bind(node, MasterLink.class, link);
        Beans.bind(node, LedgerFileReceiver.class, new MasterFileReceiver(sync, merger, metadata::snapshot));
        // Added before LedgerConfiguration, whose merger service uses the link: Camel stops services in reverse order.
        node.configuration(Lifecycle.configuration(ctx -> Lifecycle.onClose(ctx, link::close)));
        node.configuration(new LedgerConfiguration(sync, metadata, merger, syncMillis(d)));

        var r = node.commands();
        r.register(new PreparePolicyCommand());
        r.register(new InsertPolicyCommand(metadata, link));
        r.register(new PushPolicyCommand());
        r.register(new BlockchainGetCommand(metadata));
        r.register(new ReloadMetadataCommand(metadata));
        r.register(new RunBlockchainSyncCommand(control));
        r.register(new ExitSynchronizerCommand(control));
        node.processes().register("Blockchain Sync", control::status);

        node.configuration(Lifecycle.configuration(ctx ->
            Lifecycle.afterStart(node, ctx, () -> {
                metadata.loadAtBoot();
                observe(node, sync);
                Beans.get(node, EchoListeners.class).add(echo -> {
                    if (echo.text().startsWith("Blockchain message 'push' failed")) {
                        LOG.warn("The master refused a policy push: error {}: {}", echo.errorCode(),
                            echo.payloadText());
                    }
                });
            })));
    }

    /** Readiness (the master answers) and the ledger sync age metric. */
    private static void observe(Node node, Synchronizer sync) {
        Beans.get(node, ReadinessProbes.class).add("master", () -> {
            if (node.dictionary().get("ledger_conn") == null) {
                return ReadinessProbes.State.ok();
            }
            if (!Routes.isStarted(node, "blockchain-sync")) {
                return ReadinessProbes.State.down("the ledger synchroniser is not running");
            }
            SyncState s = sync.state();
            return s != null && s.lastAttemptFailed()
                ? ReadinessProbes.State.down("Failed to connect to master using: " + sync.master())
                : ReadinessProbes.State.ok();
        });
        NodeMetrics.of(node).gauge("ep_ledger_sync_age_seconds",
            "Seconds since the last ledger file from the master (NaN when none arrived)", () -> {
                SyncState s = sync.state();
                return s == null || s.lastFile() == null ? Double.NaN
                    : (node.clock().millis() - s.lastFile().toEpochMilli()) / 1000.0;
            });
    }

    /** A ledger path: from the node's folders, else the dictionary (unit-test nodes without folders). */
    private static Path path(Node node, String key, String fallbackName) {
        if (node.dirs() != null) {
            return key.equals("blockchain_file") ? node.dirs().blockchainFile() : node.dirs().blockchainNew();
        }
        String v = node.dictionary().get(key);
        return Path.of(v != null ? v : fallbackName).toAbsolutePath();
    }
}
