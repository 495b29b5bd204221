package io.edgepublisher.wire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that refuses the connection (nothing listens on its port) costs interactive commands and the boot less than
 * a second each, with the node's own peer client (its default retry rules), not 3 attempts 6 s apart.
 */
class RefusedPeerTest {
    @TempDir
    Path home;

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void commandsToARefusingPeerFailWithinASecond() throws Exception {
        String closed = "127.0.0.1:" + Ports.free();
        try (TestNode n = TestNode.start(home, Map.of(), "set node name fast\n"
            + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port\n")) {
            long t = System.nanoTime();
            CommandResult r = n.exec("x = run client (" + closed + ") get status");
            assertEquals(208, r.code(), r.describe());
            assertTrue(millis(t) < 1000, "x = run client: " + millis(t) + " ms");

            t = System.nanoTime();
            r = n.exec("run client (" + closed + ") get status");
            assertEquals(208, r.code(), r.describe());
            assertTrue(millis(t) < 1000, "run client: " + millis(t) + " ms");

            n.ok("new_policy = {\"publisher\": {\"name\": \"fast\", \"company\": \"Refused Co\", \"ip\": \"127.0.0.1\","
                + " \"port\": 32248}}");
            t = System.nanoTime();
            n.ok("blockchain insert where policy = !new_policy and local = true and master = " + closed);
            assertTrue(millis(t) < 1000, "blockchain insert … local = true: " + millis(t) + " ms");
        }
    }

    /** The bundled boot with LEDGER_CONN on a port where nothing listens: first sync and policy push fail fast. */
    @Test
    void withTheMasterDownTheBundledBootIsReadyWithin3Seconds() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of("LEDGER_CONN", "127.0.0.1:" + Ports.free()), null)) {
            long boot = n.node().bootMillis();
            assertTrue(boot >= 0 && boot <= 3000, "boot script took " + boot + " ms");
            assertEquals("Running", n.node().processes().status("Publisher").statusText());
        }
    }
}
