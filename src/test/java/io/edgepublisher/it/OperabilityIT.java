package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a newcomer meets it: the README's first curl commands, stopping with SIGTERM and Ctrl-C, and what it
 * says on standard error when it cannot start.
 */
class OperabilityIT {
    @TempDir
    Path dir;

    /**
     * On the node's own address (no LOCAL_IP) with the default REST_BIND, the README's quick-start curl lines work as
     * written (only the port differs); SIGTERM then logs the shutdown and exits with 0.
     */
    @Test
    void readmeCurlsWorkVerbatimAndSigtermExitsWith0() throws Exception {
        int tcp = Ports.free();
        int rest = Ports.free();
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "ANYLOG_SERVER_PORT", Integer.toString(tcp),
            "ANYLOG_REST_PORT", Integer.toString(rest), "NODE_NAME", "readme-node");
        List<String> curls = quickStartCurls();
        assertEquals(3, curls.size(), curls.toString());
        try (JarProcess p = JarProcess.startSplit(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
            JarStartIT.waitForReady(rest, p);
            String[] out = new String[curls.size()];
            for (int i = 0; i < curls.size(); i++) {
                String line = curls.get(i).replace("127.0.0.1:32249", "127.0.0.1:" + rest);
                // curl's progress meter goes to standard error when its output is not a terminal
                Process c = new ProcessBuilder("bash", "-c", line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                out[i] = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(c.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, c.exitValue(), line + "\n" + out[i]);
            }
            assertTrue(out[0].matches("readme-node@[0-9.]+:" + tcp + " running"), out[0]);
            assertTrue(out[1].contains("\r\n    REST           |Running     |Listening on: "), out[1]);
            assertEquals("", out[2]);
            assertTrue(RawHttp.get(rest, Map.of("User-Agent", "curl/8")).text().startsWith("edge-1@"));

            assertEquals(0, p.terminate(60), p.log());
            String err = p.stderr();
            assertTrue(err.contains(" INFO  [edge-1] boot - Shutting down (SIGTERM): stopping intake, flushing buffers,"
                + " finishing deliveries"), err);
            assertTrue(err.contains("StreamerService - Flushing streaming buffers"), err);
            assertTrue(err.contains(" INFO  [edge-1] boot - Node edge-1 stopped (exit status 0)"), err);
        }
    }

    /** Ctrl-C (SIGINT) stops the node as SIGTERM does. */
    @Test
    void ctrlCExitsWith0() throws Exception {
        int tcp = Ports.free();
        int rest = Ports.free();
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
            "NODE_NAME", "ctrl-c");
        try (JarProcess p = JarProcess.startSplitWithDefaultSigint(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
            JarStartIT.waitForReady(rest, p);
            // env replaced itself with java: the process is the node
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.process().pid())).start();
            assertEquals(0, kill.waitFor());
            assertEquals(0, p.waitFor(60), p.log());
            String err = p.stderr();
            assertTrue(err.contains(" boot - Shutting down (SIGINT): "), err);
            assertTrue(err.contains(" boot - Node ctrl-c stopped (exit status 0)"), err);
        }
    }

    /**
     * The seed script stops at its blockchain sync when LEDGER_CONN is empty. Even with the node's logging switched
     * off, standard error says which line failed, how, and that the node exits with 1.
     */
    @Test
    void aFailedBootSaysWhyEvenWithLoggingOff() throws Exception {
        Path seed = Path.of("src/test/resources/scripts/seed-2023.al").toAbsolutePath();
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(Ports.free()), "ANYLOG_REST_PORT", Integer.toString(Ports.free()));
        try (JarProcess p = JarProcess.startSplit(dir, env, List.of("--no-cli", "--LEDGER_CONN=", "--script",
            seed.toString(), "--logging.level.io.edgepublisher=OFF"))) {
            assertEquals(1, p.waitFor(60), p.log());
            String err = p.stderr();
            assertTrue(err.contains(" ERROR ") && err.contains(" boot - Boot failed at " + seed + " line 31: 'run"
                + " blockchain sync where source=blockchain_source and time=!sync_time and dest=blockchain_destination"
                + " and connection=!ledger_conn' -> Error 2 \"Error Command Structure\": Missing 'connection' info for"
                + " master node. The script does not handle this error: the node stops with exit status 1."), err);
            assertFalse(err.contains(" INFO "), "the configured level still holds for everything else: " + err);
        }
    }

    /** A taken REST port: the first problem the node reports is Error 81, at ERROR, and no JMX advice. */
    @Test
    void aTakenPortIsTheFirstErrorLine() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int rest = taken.getLocalPort();
            Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
                "ANYLOG_SERVER_PORT", Integer.toString(Ports.free()), "ANYLOG_REST_PORT", Integer.toString(rest));
            try (JarProcess p = JarProcess.startSplit(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
                assertEquals(1, p.waitFor(60), p.log());
                String err = p.stderr();
                List<String> problems = new ArrayList<>();
                for (String line : err.split("\\R")) {
                    if (line.matches("\\S+ \\S+ (WARN |ERROR) .*")) {
                        problems.add(line);
                    }
                }
                assertFalse(problems.isEmpty(), err);
                String first = problems.get(0);
                assertTrue(first.contains(" ERROR ") && first.contains("Error 81 \"Connection Error\": Host and port"
                    + " '127.0.0.1:" + rest + "' already in use"), err);
                assertFalse(err.contains("RouteStopWarnings") || err.contains("JMX"), err);
                assertTrue(err.contains("The script printed \"Boot failed: network servers could not start\" and ran"
                    + " 'exit node 1': the node stops with exit status 1."), err);
            }
        }
    }

    /** {@code --script} without a file: the message names the missing file, and it reaches standard error. */
    @Test
    void scriptWithoutAFileSaysTheFileIsMissing() throws Exception {
        try (JarProcess p = JarProcess.startSplit(dir, Map.of("EP_HOME", dir.toString()),
            List.of("--no-cli", "--script"))) {
            assertEquals(2, p.waitFor(60), p.log());
            assertTrue(p.stderr().contains("--script needs the file of the boot script to run: --script FILE (or set"
                + " EP_BOOT_SCRIPT); without it the bundled boot script runs\n"), p.stderr());
        }
    }

    /** The curl lines of the README's first bash block that uses curl (the quick start). */
    static List<String> quickStartCurls() throws IOException {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                if (inBlock && !out.isEmpty()) {
                    return out;
                }
                inBlock = line.equals("```bash");
                continue;
            }
            if (inBlock && line.startsWith("curl ")) {
                out.add(line);
            }
        }
        return out;
    }
}
