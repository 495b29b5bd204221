package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt: Ctrl-D (end of input) closes it with a line saying that the node runs on and how to stop it. */
class ConsoleTest {
    @TempDir
    Path home;

    @Test
    void ctrlDClosesThePromptAndTellsHowToStopTheNode() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(),
            "set node name !node_name\nrun rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Console console = new Console(n.node(), new ByteArrayInputStream("get status\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
            console.run(); // returns when the input ends
            String out = bytes.toString(StandardCharsets.UTF_8);
            String stop = "curl -X POST 127.0.0.1:" + n.restPort() + " -H \"User-Agent: AnyLog/1.23\" -H \"command: exit node\"";
            assertTrue(out.startsWith("\nAL test-publisher +> test-publisher@"), out);
            assertTrue(out.endsWith("\nAL test-publisher +> \nConsole closed by Ctrl-D (end of input). The node keeps"
                + " running: stop it with Ctrl-C, with 'kill " + ProcessHandle.current().pid() + "' (SIGTERM), or over"
                + " REST: " + stop + ".\n"), out);
            assertFalse(n.node().exiting());
            assertEquals(200, RawHttp.get(n.restPort(), Map.of("User-Agent", "curl/8")).status(), "the node runs on");

            // and the way out it names works
            Process curl = new ProcessBuilder("bash", "-c", stop).redirectErrorStream(true).start();
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, curl.exitValue());
            assertTrue(n.node().exiting());
        }
    }
}
