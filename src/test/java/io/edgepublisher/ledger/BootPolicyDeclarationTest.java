package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled boot script's step 8 (CONFIG.md §6.3): the publisher policy is declared once with EdgeLake's id, and a
 * restart on the same home declares nothing new (existence check, then duplicate id). Without a master the insert
 * is local only.
 */
class BootPolicyDeclarationTest {
    @TempDir
    Path home;

    @Test
    void declaredOnceAcrossRestarts() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("COMPANY_NAME", "AnyLog Co.");
        env.put("LOCATION", "37.3394,-121.8950");
        env.put("COUNTRY", "US");
        env.put("STATE", "California");
        env.put("CITY", "San Jose");
        String firstLine;
        String hostname;
        int tcp;
        int rest;
        try (TestNode n = TestNode.start(home, env, null)) {
            hostname = n.node().dictionary().get("hostname");
            tcp = n.tcpPort();
            rest = n.restPort();
            List<String> lines = Files.readAllLines(n.node().dirs().blockchainFile());
            assertEquals(1, lines.size(), lines.toString());
            firstLine = lines.get(0);
            assertEquals("1", n.ok("blockchain get publisher bring.count"));
        }
        // The id is EdgeLake's: md5 of the Python representation, attributes in the seed's order (LEDGER.md §2.2).
        String repr = "{'publisher': {'hostname': '" + hostname + "', 'name': 'test-publisher', 'ip': '127.0.0.1', "
            + "'local_ip': '127.0.0.1', 'company': 'AnyLog Co.', 'port': " + tcp + ", 'rest_port': " + rest
            + ", 'loc': '37.3394,-121.8950', 'country': 'US', 'state': 'California', 'city': 'San Jose'}}";
        String id = Md5.hex(repr.getBytes(StandardCharsets.UTF_8));
        Policy p = PolicyText.parseRewritten(firstLine, io.edgepublisher.command.ErrorCode.JSON_STRUCTURE);
        assertEquals(id, p.id());
        assertEquals(List.of("hostname", "name", "ip", "local_ip", "company", "port", "rest_port", "loc", "country",
            "state", "city", "id", "date", "ledger"), List.copyOf(p.attributes().keySet()));
        assertEquals("local", p.text("ledger"));

        Map<String, String> again = new HashMap<>(env);
        again.put("ANYLOG_SERVER_PORT", Integer.toString(tcp));
        again.put("ANYLOG_REST_PORT", Integer.toString(rest));
        try (TestNode n = TestNode.start(home, again, null)) {
            assertEquals(List.of(firstLine), Files.readAllLines(n.node().dirs().blockchainFile()));
            assertEquals("1", n.ok("blockchain get publisher bring.count"));
            // Even without the existence check, a second declaration is recognised as the duplicate it is.
            n.ok("new_policy = " + repr.replace('\'', '"'));
            assertEquals(70, n.exec("blockchain insert where policy = !new_policy and local = true").code());
        }
    }
}
