package io.edgepublisher.wire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.Command;
import io.edgepublisher.command.Tokenizer;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.node.Modules;
import io.edgepublisher.node.Node;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROTOCOL.md §8.2: the default prefixes, EP_TCP_ALLOW, EP_TCP_OPEN. */
class PeerAllowlistTest {
    private final Dictionary d = new Dictionary();
    private final PeerAllowlist allow = new PeerAllowlist(d);

    private boolean allows(String line) {
        return allow.allows(Tokenizer.tokenize(line));
    }

    @Test
    void theDefaultsMatchLeadingWordsWithAnyOptions() {
        for (String ok : new String[] {"get status", "GET Status where format = json", "get processes",
            "get publisher distribution", "get publisher where format = json", "get streaming config",
            "get msg client where id = 1", "get version", "get hostname", "blockchain get operator bring.count",
            "info table almgm tsd_info exists"}) {
            assertTrue(allows(ok), ok);
        }
        for (String no : new String[] {"set node name x", "exit node", "run client (1.2.3.4:5) get status",
            "blockchain insert where policy = {}", "get dictionary", "get statusx", "\"get\" status", "get",
            "blockchain push {}", "x = get status", "process !x", "connect dbms x"}) {
            assertFalse(allows(no), no);
        }
    }

    @Test
    void extraPrefixesAndOpen() {
        d.put("tcp_allow", " get  Dictionary ,,blockchain   push ");
        assertEquals(List.of("get status", "get processes", "get publisher", "get streaming", "get msg client",
            "get kafka consumer",
            "get version", "get hostname", "blockchain get", "info table", "get dictionary", "blockchain push"),
            allow.prefixes());
        assertTrue(allows("get dictionary where format = json"));
        assertTrue(allows("blockchain push {\"a\": 1}"));
        assertFalse(allows("exit node"));
        d.put("tcp_open", "true");
        assertTrue(allows("exit node"));
    }

    /**
     * {@link Command#peerAllowed()} must tell the truth about the allowlist for every command that is built:
     * when this fails, either the command's flag or {@link PeerAllowlist#DEFAULTS} is wrong.
     */
    @Test
    void commandsSayWhetherPeersMayRunThem(@TempDir Path home) {
        NodeDirectories dirs = NodeDirectories.at(home);
        Node node = new Node(new Dictionary(), dirs, Map.of(), Clock.systemUTC());
        Modules.install(node);
        for (Command c : node.commands().commands()) {
            String phrase = c.names().get(0);
            if (c.syntax().contains("(not implemented yet)") || c.syntax().contains("(not supported")) {
                continue;
            }
            assertEquals(allow.allows(Tokenizer.tokenize(phrase)), c.peerAllowed(), "'" + phrase + "'");
        }
    }
}
