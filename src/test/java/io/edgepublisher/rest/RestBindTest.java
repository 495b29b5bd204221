package io.edgepublisher.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where REST listens. The node's internal IP is 127.0.0.2 here: like any address of the machine it is bound
 * explicitly, while 127.0.0.3 stands for "another interface" (Linux routes all of 127/8 to loopback, so a listener on
 * all interfaces answers there and one on chosen addresses does not).
 */
class RestBindTest {
    private static final String SEED_REST = "run tcp server !external_ip !anylog_server_port !ip !anylog_server_port\n"
        + "run rest server !ip !anylog_rest_port\n";

    @TempDir
    Path home;

    private static String status(String host, int port) throws Exception {
        RawHttp.Response r = RawHttp.send(host, port, "GET", "/", Map.of("User-Agent", "curl/8.5.0"), null);
        assertEquals(200, r.status(), host);
        return r.text();
    }

    private static void refused(String host, int port) {
        assertThrows(ConnectException.class, () -> status(host, port), host + " must not answer");
    }

    /** The default (REST_BIND=true, bundled boot): the internal IP and 127.0.0.1, nothing else. */
    @Test
    void byDefaultTheInternalIpAndLoopback() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of("LOCAL_IP", "127.0.0.2", "NODE_NAME", "bound"), null)) {
            int port = n.restPort();
            assertTrue(status("127.0.0.2", port).startsWith("bound@127.0.0.2:"));
            assertTrue(status("127.0.0.1", port).startsWith("bound@127.0.0.2:"));
            refused("127.0.0.3", port);
            assertEquals("Listening on: 127.0.0.2:" + port + ", Threads Pool: 5, Timeout: 20, SSL: False",
                n.node().processes().status("REST").details());
        }
    }

    /** The seed's positional form has no bind key: REST_BIND=false opens all interfaces there too. */
    @Test
    void restBindFalseOpensAllInterfacesInThePositionalForm() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of("LOCAL_IP", "127.0.0.2", "REST_BIND", "false"), SEED_REST)) {
            int port = n.restPort();
            status("127.0.0.2", port);
            status("127.0.0.1", port);
            status("127.0.0.3", port);
        }
    }

    /** And without REST_BIND the positional form binds like the bundled script: internal IP and loopback. */
    @Test
    void thePositionalFormFollowsTheDefault() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of("LOCAL_IP", "127.0.0.2"), SEED_REST)) {
            int port = n.restPort();
            status("127.0.0.2", port);
            status("127.0.0.1", port);
            refused("127.0.0.3", port);
        }
    }

    /** An explicit bind key still wins over REST_BIND. */
    @Test
    void anExplicitBindWins() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of("LOCAL_IP", "127.0.0.2", "REST_BIND", "false"),
            "run rest server where internal_ip = !ip and internal_port = !anylog_rest_port and bind = true\n")) {
            int port = n.restPort();
            status("127.0.0.1", port);
            refused("127.0.0.3", port);
        }
    }
}
