package io.edgepublisher.wire.server;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.command.TestNodes;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.SourceAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parsing, defaults and errors of {@code run tcp server} (COMMANDS.md §4.3), with the listener replaced. */
class RunTcpServerCommandTest {
    private Node node;
    private TcpServerSettings started;

    @BeforeEach
    void setUp() {
        node = TestNodes.plain(Map.of());
        node.dictionary().put("ip", "10.0.0.5");
        node.dictionary().put("external_ip", "203.0.113.10");
        node.dictionary().put("anylog_server_port", "32248");
        node.commands().register(new RunTcpServerCommand(s -> {
            started = s;
            return new TcpServer(node, s);
        }));
    }

    private CommandResult run(String line) {
        return node.interpreter().execute(line, new Session(Source.SCRIPT, null));
    }

    @Test
    void theSpecExample() {
        assertEquals(0, run("run tcp server where external_ip = 203.0.113.10 and external_port = 32248 and internal_ip"
            + " = 10.0.0.5 and internal_port = 32248 and bind = false and threads = 6").code());
        assertEquals("Listening on: 203.0.113.10:32248 and 10.0.0.5:32248, Threads Pool: 6", started.details());
        assertEquals("0.0.0.0", started.bindHost());
        assertEquals(new SourceAddress(new PeerAddress("10.0.0.5", 32248), new PeerAddress("203.0.113.10", 32248)),
            Beans.find(node, SourceAddress.class));
        assertEquals("32248", node.dictionary().get("anylog_server_port"));
        assertEquals(Duration.ofSeconds(30), started.idleTimeout());
        assertEquals(16 << 20, started.maxMessageBytes());
    }

    @Test
    void portsDefaultToEachOtherAndAddressesToTheDictionary() {
        run("run tcp server where internal_port = 4000 and bind = true");
        assertEquals(new PeerAddress("203.0.113.10", 4000), started.external());
        assertEquals(new PeerAddress("10.0.0.5", 4000), started.internal());
        assertEquals("10.0.0.5", started.bindHost());
        assertEquals(6, started.threads());
    }

    @Test
    void onlyAnExternalPortIsEnough() {
        node.dictionary().remove("external_ip");
        run("run tcp server where external_port = 4001 and internal_ip = 127.0.0.1");
        assertNull(started.external(), "no external address");
        assertEquals(new PeerAddress("127.0.0.1", 4001), started.internal());
        assertEquals("Listening on: 127.0.0.1:4001, Threads Pool: 6", started.details());
        assertEquals("4001", node.dictionary().get("anylog_server_port"));
    }

    @Test
    void theSeedsPositionalFormResolvesVariables() {
        assertEquals(0, run("run tcp server !external_ip !anylog_server_port !ip !anylog_server_port").code());
        assertEquals("Listening on: 203.0.113.10:32248 and 10.0.0.5:32248, Threads Pool: 6", started.details());
        assertEquals("0.0.0.0", started.bindHost());
    }

    /** The positional form has no bind key: TCP_BIND decides there (and wherever bind is left out). */
    @Test
    void tcpBindTrueHoldsForThePositionalForm() {
        node.dictionary().put("tcp_bind", "true");
        assertEquals(0, run("run tcp server !external_ip !anylog_server_port !ip !anylog_server_port").code());
        assertEquals("10.0.0.5", started.bindHost());
    }

    @Test
    void positionalThreads() {
        run("run tcp server 1.2.3.4 5000 10.0.0.9 5001 9");
        assertEquals("Listening on: 1.2.3.4:5000 and 10.0.0.9:5001, Threads Pool: 9", started.details());
    }

    @Test
    void missingPortIs40() {
        CommandResult r = run("run tcp server where internal_ip = 10.0.0.5");
        assertEquals(40, r.code());
        assertEquals("Missing port in TCP Server server configuration", r.detail());
        // an undefined variable drops its pair (COMMANDS.md §1.5), which leaves no port
        assertEquals(40, run("run tcp server where internal_port = !no_such_port").code());
        assertEquals(40, run("run tcp server").code());
        assertEquals(40, run("run tcp server 1.2.3.4 5000 10.0.0.9").code());
        assertNull(started);
    }

    @Test
    void badValuesAre2WithTheKeyNamed() {
        assertEquals("Key 'internal_port' in 'run tcp server' needs an integer, got 'abc'",
            run("run tcp server 1.2.3.4 5000 10.0.0.9 abc").detail());
        assertEquals("Key 'internal_port' in 'run tcp server' must be between 1 and 65535, got 70000",
            run("run tcp server where internal_port = 70000").detail());
        assertEquals("Key 'threads' in 'run tcp server' must be between 1 and 1024, got 0",
            run("run tcp server where internal_port = 7000 and threads = 0").detail());
        assertEquals(2, run("run tcp server where internal_port = 7000 and colour = blue").code());
        assertEquals(2, run("run tcp server 1.2.3.4 5000 10.0.0.9 5001 9 extra").code());
        assertEquals(2, run("run tcp server where internal_port = 7000 and bind = maybe").code());
        assertEquals(138, run("run tcp server !nope 5000 10.0.0.9 5001").code());
        assertNull(started);
    }

    @Test
    void aSecondCallIs136() {
        run("run tcp server where internal_port = 4000");
        CommandResult r = run("run tcp server where internal_port = 4002");
        assertEquals(136, r.code());
        assertEquals("Duplicate call to initiate TCP server: Listening on: 203.0.113.10:4000 and 10.0.0.5:4000,"
            + " Threads Pool: 6", r.detail());
    }

    @Test
    void limitsComeFromTheDictionary() {
        node.dictionary().put("tcp_idle_timeout", "2 minutes");
        node.dictionary().put("tcp_max_message", "2MB");
        run("run tcp server where internal_port = 4000");
        assertEquals(Duration.ofMinutes(2), started.idleTimeout());
        assertEquals(2 << 20, started.maxMessageBytes());
    }
}
