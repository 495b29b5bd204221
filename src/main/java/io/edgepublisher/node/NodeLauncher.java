package io.edgepublisher.node;

import io.edgepublisher.command.CommandResult;
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
        return node;
    }

    /** Starts Camel, runs the boot script and blocks until the node stops; returns the exit status. */
    public static int run(Node node, String script, boolean cli, long t0) {
        SharedVertx.prewarm(node);
        Main main = new Main();
        main.setPropertyPlaceholderLocations(
            "classpath:application.properties;optional=true,file:application.properties;optional=true");
        node.configurations().forEach(main.configure()::addConfiguration);
        AtomicInteger exitCode = new AtomicInteger(0);
        node.onExit(rc -> {
            exitCode.set(rc);
            Thread t = new Thread(() -> {
                // Let the reply to the request that asked for the exit (REST, peer) go out before the servers close.
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                main.completed();
            }, "exit-node");
            t.setDaemon(true);
            t.start();
        });
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                node.camel(m.getCamelContext());
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                node.runStopHooks();
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                node.runCloseHooks();
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
        return exitCode.get();
    }

    private static void boot(Node node, String script, boolean cli, long t0) {
        LOG.info("Camel started in {} ms", (System.nanoTime() - t0) / 1_000_000);
        node.bootStarting();
        try {
            node.runStartHooks();
        } catch (RuntimeException e) {
            LOG.error("Boot phase 0 failed: {}", e.getMessage(), e);
            node.exit(1);
            return;
        }
        CommandResult r = BootScript.run(node, script);
        if (r.isError()) {
            LOG.error("Boot failed: {}", r.describe());
            node.exit(1);
            return;
        }
        if (node.exiting()) {
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
