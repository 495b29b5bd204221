package io.edgepublisher;

import io.edgepublisher.config.ConfigException;
import io.edgepublisher.config.Settings;
import io.edgepublisher.node.ClassPrewarm;
import io.edgepublisher.node.LaunchOptions;
import io.edgepublisher.node.LogSetup;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.NodeLauncher;
import io.edgepublisher.node.SharedVertx;
import io.edgepublisher.node.ShutdownSignals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar edge-publisher.jar [--script FILE] [--no-cli] [--KEY=value …]}: reads the configuration,
 * prepares the node home, starts Camel and runs the deployment script (CONFIG.md §6).
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        // The classes a boot needs are read from the jar on a background thread while this one works.
        ClassPrewarm.start();
        // The REST server's Vert.x takes a while to make; start it now, in parallel with everything below.
        SharedVertx.prewarmEarly();
        LaunchOptions opts;
        Node node;
        try {
            opts = LaunchOptions.parse(args);
            Map<String, String> props = localProperties();
            Map<String, String> cli = Settings.fromArgs(opts.settingArgs());
            Map<String, String> levels = new HashMap<>(Settings.bundledDefaults());
            levels.putAll(props);
            levels.putAll(System.getenv());
            levels.putAll(cli);
            LogSetup.configure(levels);
            Settings settings = Settings.of(props, System.getenv(), cli);
            node = NodeLauncher.prepare(settings, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (ConfigException | IOException e) {
            System.err.println("Boot stopped: " + e.getMessage());
            System.exit(1);
            return;
        }
        String script = opts.script() != null ? opts.script() : node.dictionary().get("boot_script");
        if (script != null && !Files.isReadable(Path.of(script))) {
            System.err.println("Boot stopped: error 12 \"File does not exists\": boot script '" + script
                + "' does not exist or is not readable");
            System.exit(1);
            return;
        }
        boolean cli = !opts.noCli() && !"true".equals(node.dictionary().get("disable_cli"));
        ShutdownSignals.install(node);
        System.exit(NodeLauncher.run(node, script, cli, t0));
    }

    /** An application.properties in the working directory (over the bundled defaults, which Settings reads). */
    public static Map<String, String> localProperties() throws IOException {
        Map<String, String> m = new HashMap<>();
        Path local = Path.of("application.properties");
        if (Files.isRegularFile(local)) {
            m.putAll(Settings.loadProperties(local));
        }
        return m;
    }
}
