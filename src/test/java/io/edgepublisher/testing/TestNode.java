package io.edgepublisher.testing;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.config.Settings;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.NodeLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Boots the real node (camel-main, modules, boot script) in this JVM on free loopback ports, for tests that need a
 * running node. Settings use AnyLog ENV names; the script is the bundled one unless given.
 */
public final class TestNode implements AutoCloseable {
    private final Node node;
    private final Thread thread;
    private final Map<String, String> settings;
    private volatile int exitCode = -1;

    private TestNode(Node node, Thread thread, Map<String, String> settings) {
        this.node = node;
        this.thread = thread;
        this.settings = settings;
    }

    /** Defaults for tests: loopback, free ports, no master, no console. */
    public static Map<String, String> defaults(Path home) {
        Map<String, String> s = new HashMap<>();
        s.put("EP_HOME", home.toString());
        s.put("LOCAL_IP", "127.0.0.1");
        s.put("ANYLOG_SERVER_PORT", Integer.toString(Ports.free()));
        s.put("ANYLOG_REST_PORT", Integer.toString(Ports.free()));
        s.put("LEDGER_CONN", "");
        s.put("NODE_NAME", "test-publisher");
        return s;
    }

    public static TestNode start(Path home, Map<String, String> overrides, String script) throws Exception {
        Map<String, String> s = defaults(home);
        s.putAll(overrides);
        Node node = NodeLauncher.prepare(Settings.of(Map.of(), Map.of(), s), System.getenv());
        String scriptPath = null;
        if (script != null) {
            Path p = home.resolve("boot-test.al");
            Files.writeString(p, script, StandardCharsets.UTF_8);
            scriptPath = p.toString();
        }
        String sp = scriptPath;
        TestNode[] holder = new TestNode[1];
        Thread t = new Thread(() -> holder[0].exitCode = NodeLauncher.run(node, sp, false, System.nanoTime()),
            "test-node");
        holder[0] = new TestNode(node, t, s);
        t.setDaemon(true);
        t.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!node.awaitReady(100)) {
            // a failed boot stops the node: no need to wait the whole minute for it
            if (!t.isAlive() || System.currentTimeMillis() > deadline) {
                holder[0].close();
                throw new IllegalStateException("Node did not become ready (exit code " + holder[0].exitCode + ")");
            }
        }
        return holder[0];
    }

    public Node node() {
        return node;
    }

    public int restPort() {
        return Integer.parseInt(settings.get("ANYLOG_REST_PORT"));
    }

    public int tcpPort() {
        return Integer.parseInt(settings.get("ANYLOG_SERVER_PORT"));
    }

    public CommandResult exec(String line) {
        return node.interpreter().execute(line, new Session(Source.INTERNAL, null));
    }

    /** Runs a command and fails the calling test with the command's error when it fails. */
    public String ok(String line) {
        CommandResult r = exec(line);
        if (r.isError()) {
            throw new AssertionError("'" + line + "' failed: " + r.describe());
        }
        return r.output();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            node.exit(0);
            thread.join(30_000);
        }
    }
}
