package io.edgepublisher.node;

import io.edgepublisher.config.ConfigException;
import io.edgepublisher.config.DataDistributionEnv;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.EnvImport;
import io.edgepublisher.config.NetworkInfo;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.config.Settings;
import io.edgepublisher.node.commands.GetProcessesCommand;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a node from its settings (boot phases 0–1) and runs it on camel-main (phases 2–4, CONFIG.md §6.1). Used by
 * {@code Application} and by tests that boot the real node in-process.
 */
public final class NodeLauncher {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.boot");

    private NodeLauncher() {
    }

    /** Imports the settings and prepares the node home; throws {@link ConfigException} for fatal settings. */
    public static Node prepare(Settings settings, Map<String, String> processEnv) {
        Dictionary dictionary = new Dictionary();
        NodeDirectories dirs = NodeDirectories.resolve(settings);
        List<String> warnings = EnvImport.apply(settings, dictionary, NetworkInfo.hostname());
        dirs.prepare(dictionary);
        try {
            DataDistributionEnv.writeScript(dictionary, dirs);
        } catch (IOException e) {
            throw new ConfigException("Cannot write the EP_DATA_DISTRIBUTION script: " + e.getMessage());
        }
        warnings.forEach(w -> LOG.warn("Configuration: {}", w));
        Node node = new Node(dictionary, dirs, processEnv, Clock.systemUTC());
        Modules.install(node);
        Modules.verify(node);
        return node;
    }

    /** Starts Camel, runs the boot script and blocks until the node stops; returns the exit status. */
    public static int run(Node node, String script, boolean cli, long t0) {
        SharedVertx.prewarm(node);
        SqlitePreload.start(node.dictionary());
        Main main = new Main() {
            @Override
            protected CamelContext createCamelContext() {
                // The node's registry is the context's: the beans the capabilities bound at install are Camel beans.
                CamelContext ctx = super.createCamelContext();
                ctx.getCamelContextExtension().setRegistry(node.registry());
                return ctx;
            }
        };
        main.setPropertyPlaceholderLocations(
            "classpath:application.properties;optional=true,file:application.properties;optional=true");
        // First: the boot (its phase 0 is the capabilities' startup listeners, in this order) starts here.
        main.configure().addConfiguration(Lifecycle.configuration(ctx -> Lifecycle.afterStart(node, ctx,
            node::bootStarting)));
        node.configurations().forEach(main.configure()::addConfiguration);
        AtomicInteger exitCode = new AtomicInteger(0);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        node.onExit((rc, reason) -> {
            if (!stopping.compareAndSet(false, true)) {
                return; // the first request to stop decides the exit status
            }
            exitCode.set(rc);
            // Private thread: it stops Camel (main.completed), so it must not be one of the pools that stop with it.
            Thread t = new Thread(() -> {
                // Let the reply to the request that asked for the exit (REST, peer) go out before the servers close.
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LOG.info("Shutting down ({}): stopping intake, flushing buffers, finishing deliveries", reason);
                main.completed();
            }, "exit-node");
            t.setDaemon(true);
            t.start();
        });
        if (node.exiting()) {
            // a signal came before the handler above was in place: do not start at all
            exitCode.set(node.exitStatus());
            main.completed();
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                node.camel(m.getCamelContext());
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                boot(node, script, cli, t0);
            }
        });
        try {
            main.run();
        } catch (Exception e) {
            LOG.error("Node stopped with an error", e);
            return 1;
        }
        LOG.info("Node {} stopped (exit status {})", node.name(), exitCode.get());
        return exitCode.get();
    }

    private static void boot(Node node, String script, boolean cli, long t0) {
        LOG.info("Camel started in {} ms", (System.nanoTime() - t0) / 1_000_000);
        if (node.exiting()) {
            return; // stopped (a signal) before Camel was up, or boot phase 0 failed (Lifecycle.afterStart)
        }
        BootScript.Outcome o = BootScript.run(node, script);
        if (o.result().isError()) {
            // Written even when the configured levels would hide it: a node that exits must say why.
            LogSetup.mustLog(LOG.getName(), o.describeFailure(1));
            node.bootFinished();
            node.exit(1, "boot failed");
            return;
        }
        if (node.exiting()) {
            if (node.exitStatus() != 0) {
                LogSetup.mustLog(LOG.getName(), o.describeFailure(node.exitStatus()));
            }
            node.bootFinished();
            return;
        }
        node.markReady();
        LOG.info("Node {} ready in {} ms{}", node.name(), (System.nanoTime() - t0) / 1_000_000,
            GetProcessesCommand.table(node.processes().snapshot()));
        if (cli && Console.stdinIsTerminal()) {
            new Console(node).start();
        }
    }
}
