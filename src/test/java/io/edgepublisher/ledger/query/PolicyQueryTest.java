package io.edgepublisher.ledger.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.ledger.LedgerFile;
import io.edgepublisher.ledger.LedgerSnapshot;
import io.edgepublisher.ledger.Vectors;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code blockchain get} on the example ledger (LEDGER.md §5.4 and more). */
class PolicyQueryTest {
    static final LedgerSnapshot LEDGER = LedgerFile.parse(Vectors.bytes("ledger/blockchain.json"), true);
    static final NodeAddressRule RULE = new NodeAddressRule("203.0.113.10", "10.0.0.5");

    /** Words as the tokenizer gives them: split at spaces, "(…)" and "[…]" groups stay one word. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : command.toCharArray()) {
            if (c == ' ' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    static QueryResult get(String command) {
        return PolicyQuery.parse(words(command)).evaluate(LEDGER, RULE);
    }

    static String text(String command) {
        return get(command).text();
    }

    @Test
    void examplesOfLedgerSection54() {
        assertEquals("127.0.0.1:32048", text("master bring.ip_port"));
        assertEquals("operator1_32148",
            text("operator where company = barstest bring [operator][name] _ [operator][port]"));
        assertEquals("a348b78d517d27861715310c7d57a7ef", text("cluster where table[dbms] = test bring [cluster][parent]"));
        assertEquals("2", text("(master, operator) bring.count"));
        assertEquals("[]", text("publisher where name = anylog-publisher"));
    }

    @Test
    void examplesOfCommandsSection413() {
        assertEquals("127.0.0.1:32148", text("operator where company = BarsTest bring.ip_port"));
        assertEquals("724386fc1b1c04de656293c299455ae6",
            text("cluster where table[dbms] = test and table[name] = conformance bring [cluster][id]"));
        assertEquals("0", text("publisher where name = anylog-publisher bring.count"));
        assertEquals("[{\"count\" : 0 }]", text("publisher bring.count.json"));
    }

    @Test
    void withoutBringTheResultIsTheJsonListAndPeersGetPythonRepr() {
        String file = new String(Vectors.bytes("ledger/blockchain.json"));
        QueryResult all = get("*");
        assertTrue(all.isPolicyList());
        assertEquals("[" + String.join(", ", file.strip().split("\n")) + "]", all.text());
        String reply = Vectors.json("frames/replies/blockchain_get_all.reply.json").get("frames").get(0)
            .get("payload").get("text").asText();
        assertEquals(reply, all.peerText());
        assertEquals(List.of("operator"), get("operator").policies().stream().map(p -> p.type()).toList());
    }

    @Test
    void numericAndCaseInsensitiveConditions() {
        assertEquals(1, get("operator where port = 32148").policies().size());
        assertEquals(1, get("operator where port == 32148.0").policies().size());
        assertEquals(1, get("operator where port > 32000 and port < 33000").policies().size());
        assertEquals(1, get("operator where port >= 32148 and member <= 14").policies().size());
        assertEquals("[]", text("operator where port <= 32147"));
        assertEquals("[]", text("operator where port = abc"));
        assertEquals("[]", text("operator where name != OPERATOR1"));
        assertEquals(1, get("master where name != operator1").policies().size());
        assertEquals("724386fc1b1c04de656293c299455ae6", text("cluster where [table][name] = CONFORMANCE bring [cluster][id]"));
        assertEquals("4", text("* where company = barstest bring.count"));
        assertEquals("[]", text("table where company = barstest"), "a policy without the attribute fails");
        assertEquals("[]", text("table where company != barstest"), "also for !=");
        assertEquals("operator1,conformance,cluster1",
            text("* where date > 2026-11-28T11:06:56.834 bring [*][name] separator = ,"));
        assertEquals("a348b78d517d27861715310c7d57a7ef,724386fc1b1c04de656293c299455ae6",
            text("* where status = active bring [*][id] separator = ,"));
    }

    @Test
    void bringTermsLiteralsAndSeparators() {
        assertEquals("master\ncluster\noperator\ntable\ncluster", text("* bring [] separator = \\n"));
        assertEquals("master,cluster,operator,table", text("* bring.unique [] separator = ,"));
        assertEquals("master|cluster|operator|table|cluster", text("* bring [*] separator = |"));
        assertEquals("127.0.0.1\t32148", text("operator bring [operator][ip] \\t [operator][port]"));
        assertEquals("operator1:32148", text("operator bring [operator][name] ':' [operator][port]"));
        assertEquals("conformance", text("cluster bring [cluster][table][name]"));
        assertEquals("{'dbms': 'test', 'name': 'conformance', 'status': 'active'}", text("cluster bring [cluster][table]"));
        assertEquals("127.0.0.1", text("* bring [operator][ip]"), "other types contribute nothing");
        assertEquals("x_", text("operator bring x_ [operator][nothing]"));
    }

    @Test
    void firstRecentMinMax() {
        QueryResult first = get("* bring.first");
        assertTrue(first.isPolicyList());
        assertEquals("master", first.policies().get(0).type());
        assertEquals("724386fc1b1c04de656293c299455ae6", get("* bring.recent").policies().get(0).id());
        assertEquals("724386fc1b1c04de656293c299455ae6", text("* bring.last [*][id]"));
        assertEquals("2bb4222c28ff39287f950f98bc50d9f6", text("* bring.first [*][id]"));
        assertEquals("32148", text("* bring.max [*][port]"));
        assertEquals("32048", text("* bring.min [*][port] [*][rest_port]"));
        assertEquals("operator1", text("* bring.max [*][name]"));
        assertEquals("", text("* bring.max"));
    }

    @Test
    void jsonCountAndTable() {
        assertEquals("[{\"name\": \"cluster1\"},{\"name\": \"cluster1\", \"table\": [{\"dbms\": \"test\", "
            + "\"name\": \"conformance\", \"status\": \"active\"}]}]",
            text("cluster bring.json [cluster][name] [cluster][table]"));
        assertEquals("[{\"name\": \"cluster1\"}]", text("cluster bring.json.unique [cluster][name]"));
        assertEquals("[{\"policy\": \"master\", \"port\": 32048}]", text("master bring.json [] [master][port]"));
        assertEquals("[{\"count\" : 4 }]", text("* bring.json.count [*][company]"));
        assertEquals("4", text("* bring.count [*][company]"));
        assertEquals("5", text("* bring.count"));
        assertEquals("[]", text("operator bring.json [operator][nothing]"));
        assertEquals(2, text("cluster bring.json").split("\\},\\{\"cluster").length);
        assertEquals("\r\nName     Parent                           "
            + "\r\n--------|--------------------------------|"
            + "\r\ncluster1|                                |"
            + "\r\ncluster1|a348b78d517d27861715310c7d57a7ef|"
            + "\r\n", text("cluster bring.table [cluster][name] [cluster][parent]"));
        assertEquals("\r\nPolicy   Port  "
            + "\r\n--------|-----|"
            + "\r\nmaster  |32048|"
            + "\r\noperator|32148|"
            + "\r\n", text("(master, operator) bring.table [*] [*][port]"));
        assertEquals("", text("publisher bring.table [*][name]"));
    }

    @Test
    void ipPortUsesTheAddressRule() {
        assertEquals("127.0.0.1:32048,127.0.0.1:32148", text("* bring.ip_port"));
        assertEquals("127.0.0.1:32048", text("(operator, master) bring.ip_port.first"), "ledger order");
        assertEquals("127.0.0.1:32148", text("operator bring.ip_port [operator][name]"), "terms are ignored");
        assertFalse(text("cluster bring.ip_port").contains(":"));
    }
}
