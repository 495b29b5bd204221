package io.edgepublisher;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.config.ConfigException;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.EnvImport;
import io.edgepublisher.config.NetworkInfo;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.config.Settings;
import io.edgepublisher.node.BootScript;
import io.edgepublisher.node.Console;
import io.edgepublisher.node.LaunchOptions;
import io.edgepublisher.node.Modules;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.GetProcessesCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar edge-publisher.jar}: reads the configuration, prepares the node home, starts Camel, then runs
 * the deployment script (CONFIG.md §6). Everything the node does after that is driven by commands.
 */
public final class Application {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        LaunchOptions opts;
        try {
            opts = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Settings settings;
        Dictionary dictionary = new Dictionary();
        NodeDirectories dirs;
        try {
            settings = Settings.of(loadProperties(), System.getenv(), Settings.fromArgs(opts.settingArgs()));
            dirs = NodeDirectories.resolve(settings);
            List<String> warnings = EnvImport.apply(settings, dictionary, NetworkInfo.hostname());
            dirs.prepare(dictionary);
            io.edgepublisher.config.DataDistributionEnv.writeScript(dictionary, dirs);
            warnings.forEach(w -> LOG.warn("Configuration: {}", w));
        } catch (ConfigException | IOException e) {
            System.err.println(e.getMessage());
            LOG.error("Boot stopped: {}", e.getMessage());
            System.exit(1);
            return;
        }
        String script = opts.script() != null ? opts.script() : dictionary.get("boot_script");
        if (script != null && !Files.isReadable(Path.of(script))) {
            System.err.println("Boot script '" + script + "' does not exist or is not readable (error 12)");
            System.exit(1);
            return;
        }
        Node node = new Node(dictionary, dirs, System.getenv(), Clock.systemUTC());
        Modules.install(node);
        int rc = run(node, script, !opts.noCli() && !"true".equals(dictionary.get("disable_cli")), t0);
        System.exit(rc);
    }

    static int run(Node node, String script, boolean cli, long t0) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(
            "classpath:application.properties;optional=true,file:application.properties;optional=true");
        AtomicInteger exitCode = new AtomicInteger(0);
        node.onExit(rc -> {
            exitCode.set(rc);
            Thread t = new Thread(main::completed, "exit-node");
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
                node.camel(m.getCamelContext());
                LOG.info("Camel started in {} ms; running the boot script", (System.nanoTime() - t0) / 1_000_000);
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
                LOG.info("Node {} ready in {} ms{}", node.name(), (System.nanoTime() - t0) / 1_000_000,
                    GetProcessesCommand.table(node.processes().snapshot()));
                if (cli && Console.stdinIsTerminal()) {
                    new Console(node).start();
                }
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

    /** The bundled defaults, overridden by an application.properties in the working directory. */
    static Map<String, String> loadProperties() throws IOException {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = Application.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                m.putAll(Settings.loadProperties(in));
            }
        }
        Path local = Path.of("application.properties");
        if (Files.isRegularFile(local)) {
            m.putAll(Settings.loadProperties(local));
        }
        return m;
    }
}
