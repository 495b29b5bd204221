package io.edgepublisher.node;

import java.util.ArrayList;
import java.util.List;

/** The node's own command-line switches; {@code --key=value} settings are read by {@code Settings}. */
public record LaunchOptions(String script, boolean noCli, List<String> settingArgs) {

    public static LaunchOptions parse(String[] args) {
        String script = null;
        boolean noCli = false;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--script") || a.startsWith("--script=")) {
                String file = a.equals("--script") ? (i + 1 < args.length ? args[++i] : null)
                    : a.substring("--script=".length());
                if (file == null || file.isBlank() || file.startsWith("--")) {
                    throw new IllegalArgumentException("--script needs the file of the boot script to run: --script"
                        + " FILE (or set EP_BOOT_SCRIPT); without it the bundled boot script runs");
                }
                script = file;
            } else if (a.equals("--no-cli")) {
                noCli = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                System.out.println("Usage: java -jar edge-publisher.jar [--script FILE] [--no-cli] [--KEY=value …]\n"
                    + "KEY is an AnyLog ENV name (ANYLOG_REST_PORT, NODE_NAME, DB_TYPE, …); see docs/CONFIGURATION.md.");
                System.exit(0);
            } else if (a.startsWith("--") && a.contains("=")) {
                settings.add(a);
            } else {
                throw new IllegalArgumentException("Unknown argument '" + a + "' (try --help)");
            }
        }
        return new LaunchOptions(script, noCli, settings);
    }
}
