package io.edgepublisher.wire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code run tcp server} on a booted node: the port, the process row, the status text, 81 and 136. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpServerNodeTest {
    @TempDir
    static Path home;
    private TestNode node;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of(), "set node name tcp-test\n");
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    @Test
    void startsOnceOnAFreePort() throws Exception {
        assertEquals("\r\n    TCP            |Not declared|No active connection", processesLine());
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            CommandResult r = node.exec("run tcp server where internal_ip = 127.0.0.1 and internal_port = "
                + taken.getLocalPort() + " and bind = true");
            assertEquals(81, r.code());
            assertEquals("Host and port '127.0.0.1:" + taken.getLocalPort() + "' already in use", r.detail());
        }
        assertEquals("Not declared", node.node().processes().status("TCP").statusText(), "nothing half-started");

        int port = node.tcpPort();
        node.ok("run tcp server where external_ip = 127.0.0.1 and external_port = " + port + " and internal_ip ="
            + " 127.0.0.1 and internal_port = " + port + " and threads = 4");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        }
        assertTrue(processesLine().startsWith("\r\n    TCP            |Running     |Listening on: 127.0.0.1:" + port
            + ", Threads Pool: 4"), processesLine());
        assertEquals("tcp-test@127.0.0.1:" + port + " running", node.ok("get status"));
        assertEquals(Integer.toString(port), node.node().dictionary().get("anylog_server_port"));
        assertEquals(136, node.exec("run tcp server where internal_port = " + Ports.free()).code());
    }

    private String processesLine() {
        String table = node.ok("get processes");
        int start = table.indexOf("\r\n    TCP ");
        int end = table.indexOf('|', table.indexOf('|', table.indexOf('|', start) + 1) + 1);
        return table.substring(start, end).stripTrailing();
    }
}
