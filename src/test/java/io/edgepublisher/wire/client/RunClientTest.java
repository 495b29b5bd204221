package io.edgepublisher.wire.client;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.PrintReply;
import io.edgepublisher.wire.RetryPolicy;
import io.edgepublisher.wire.server.TcpServer;
import io.edgepublisher.wire.testing.AnsweringPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code run client} from a booted node to fake peers: one that answers, one that stays silent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunClientTest {
    @TempDir
    static Path home;
    private TestNode node;
    private AnsweringPeer answering;
    private AnsweringPeer silent;
    private String a;
    private String b;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of(), "set node name client-test\n"
            + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port and threads = 2\n"
            + "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port and bind = true"
            + " and threads = 3 and timeout = 4\n");
        answering = AnsweringPeer.start(m -> m.command().endsWith("format = json")
            ? PrintReply.json(m.requestRef(), "{\"status\": \"running\"}")
            : PrintReply.text(m.requestRef(), "peer-a running"));
        silent = AnsweringPeer.start(m -> null);
        a = answering.address().toString();
        b = silent.address().toString();
    }

    @AfterAll
    void stop() throws Exception {
        answering.close();
        silent.close();
        node.close();
    }

    @Test
    void anAssignmentWaitsAndOneTargetGivesTheBareText() {
        node.ok("x = run client (" + a + ") get status");
        assertEquals("peer-a running", node.node().dictionary().get("x"));
        InboundMessage request = last(answering);
        assertEquals("get status", request.command());
        assertNotEquals(0, request.jobId());
        assertEquals(1, request.receivers());
        assertEquals(6, request.infoType());
        assertEquals(node.tcpPort(), request.sourcePort(), "replies come to our TCP server");
    }

    /** COMMANDS.md §4.28: the assigned reply of one peer has no "[From Node …]" prefix, also when REST sends it. */
    @Test
    void anAssignmentOverRestStoresTheBareText() throws Exception {
        RawHttp.Response r = RawHttp.post(node.restPort(), headers("command", "y = run client (" + a + ") get status"),
            null);
        assertEquals(200, r.status(), r.text());
        assertEquals("peer-a running", node.node().dictionary().get("y"));
        node.ok("z = run client (" + a + ") get status"); // and from a script line, as before
        assertEquals("peer-a running", node.node().dictionary().get("z"));
    }

    @Test
    void subsetReturnsWhatArrivedAndListsTheSilentPeer() throws Exception {
        int before = answering.requests().size();
        node.ok("x = run client (" + a + ", " + b + ", subset = true, timeout = 2) get status");
        int w = b.length();
        assertEquals("[From Node " + a + "] peer-a running"
            + "\r\nReply errors"
            + "\r\nNode" + " ".repeat(w + 1 - 4) + "Error    "
            + "\r\n" + "-".repeat(w) + "|--------|"
            + "\r\n" + b + "|Time Out|", node.node().dictionary().get("x"));
        InboundMessage toA = answering.requests().get(before);
        InboundMessage toB = last(silent);
        assertEquals(2, toA.receivers());
        assertEquals(0, toA.receiverId());
        assertEquals(1, toB.receiverId());
        assertEquals(toA.jobId(), toB.jobId());
        assertEquals(toA.jobLocation(), toB.jobLocation());
    }

    @Test
    void withoutSubsetASilentPeerIsATimeOut() {
        CommandResult r = node.exec("x = run client (" + a + ", " + b + ", timeout = 1) get status");
        assertEquals(26, r.code());
        assertEquals("No reply from " + b + ": Time Out\r\n[From Node " + a + "] peer-a running", r.detail());
    }

    @Test
    void deferredVariablesAreResolvedOnThePeer() throws Exception {
        node.ok("x = run client (" + a + ") get status where file = !!blockchain_file and name = !node_name and"
            + " policy = {\"n\": !node_name}");
        assertEquals("get status where file = !blockchain_file and name = client-test and policy = {\"n\": !node_name}",
            last(answering).command());
        assertEquals(138, node.exec("x = run client (" + a + ") get status where x = !no_such_key").code());
    }

    @Test
    void withoutWaitingTheJobIdIsZero() throws Exception {
        int before = answering.requests().size();
        assertNull(node.ok("run client (" + a + ") get status"));
        assertTrue(answering.await(before + 1, Duration.ofSeconds(20)));
        assertEquals(0, answering.requests().get(before).jobId());
    }

    @Test
    void unsupportedTargetFormsAre155() {
        for (String target : new String[] {"()", "(dbms = lsl and table = ping)", "(blockchain get operator)",
            "127.0.0.1:2", "(" + a + ", somewhere)"}) {
            CommandResult r = node.exec("run client " + target + " get status");
            assertEquals(155, r.code(), target);
        }
        assertEquals(2, node.exec("run client (" + a + ")").code(), "no command");
        assertEquals(2, node.exec("run client (" + a + ", subset = maybe) get status").code());
        assertEquals(2, node.exec("run client (" + a + ", timeout = 0) get status").code());
    }

    @Test
    void aLargeCommandToOurOwnServerTravelsBothWays() {
        String own = "127.0.0.1:" + node.tcpPort();
        node.ok("x = run client (" + own + ") get status" + " ".repeat(2000) + "where format = json");
        assertEquals("{\"assigned_name\": \"client-test@127.0.0.1:" + node.tcpPort()
            + "\", \"status\": \"running\", \"profiling\": false}", node.node().dictionary().get("x"));
    }

    @Test
    void unreachablePeersFailWith208OrAreListedWithSubset() throws Exception {
        PeerClient normal = Beans.get(node.node(), PeerClient.class);
        PeerClient quick = new PeerClient(PeerClientConfig.defaults()
            .withCommandRetry(new RetryPolicy(3, Duration.ofMillis(10))));
        Beans.bind(node.node(), PeerClient.class, quick);
        try {
            String closed = "127.0.0.1:" + Ports.free();
            CommandResult r = node.exec("x = run client (" + a + ", " + closed + ", timeout = 10) get status");
            assertEquals(208, r.code(), r.describe());
            assertTrue(r.detail().startsWith("No reply from " + closed + ": Network connection to peer refused ("),
                r.detail());
            node.ok("x = run client (" + closed + ", " + a + ", subset = true, timeout = 10) get status");
            assertTrue(node.node().dictionary().get("x").startsWith("[From Node " + a + "] peer-a running\r\nReply"
                + " errors"), node.node().dictionary().get("x"));
            assertEquals(208, node.exec("run client (" + closed + ") get status").code(), "without waiting too");
        } finally {
            Beans.bind(node.node(), PeerClient.class, normal);
            quick.close();
        }
    }

    @Test
    void restDestinationHeader() throws Exception {
        RawHttp.Response r = RawHttp.get(node.restPort(), headers("command", "get status", "destination", a));
        assertEquals(200, r.status());
        assertEquals("\r\n[From Node " + a + "] peer-a running", r.text());

        r = RawHttp.get(node.restPort(), headers("command", "get status where format = json", "destination", a));
        assertEquals(200, r.status());
        assertEquals("{\"" + a + "\" : {\"status\": \"running\"}}", r.text());

        r = RawHttp.get(node.restPort(), headers("command", "get status", "destination", a + "," + b, "subset", "true",
            "timeout", "1"));
        assertEquals(200, r.status());
        assertTrue(r.text().startsWith("\r\n[From Node " + a + "] peer-a running\r\nReply errors\r\n"), r.text());
        assertTrue(r.text().contains("\r\n" + b + "|Time Out|\r\n"), r.text());

        r = RawHttp.get(node.restPort(), headers("command", "get status", "destination", b, "timeout", "1"));
        assertEquals(400, r.status());
        assertTrue(r.text().startsWith("{\"method\": \"get\", \"node\": \"127.0.0.1\", \"err_code\": 26, \"err_text\":"
            + " \"Time Out\""), r.text());
    }

    @Test
    void theTcpServerMustRun() throws Exception {
        var camel = node.node().camel();
        camel.getRouteController().stopRoute(TcpServer.ROUTE_ID);
        try {
            CommandResult r = node.exec("x = run client (" + a + ") get status");
            assertEquals(21, r.code());
            assertEquals("Not declared", node.node().processes().status("TCP").statusText());
            assertEquals("Route tcp-server is Stopped", node.node().processes().status("TCP").details());
        } finally {
            camel.getRouteController().startRoute(TcpServer.ROUTE_ID);
        }
        assertEquals("Running", node.node().processes().status("TCP").statusText());
    }

    private static Map<String, String> headers(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("User-Agent", "AnyLog/1.23");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static InboundMessage last(AnsweringPeer p) {
        return p.requests().get(p.requests().size() - 1);
    }
}
