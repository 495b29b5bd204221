package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Source;
import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.testing.LedgerTestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockchain get} on the example ledger (LEDGER.md §5.4) and {@code blockchain reload metadata}. */
class BlockchainGetAndReloadTest {
    @TempDir
    Path home;
    private LedgerTestNode node;
    private Path ledgerFile;

    @BeforeEach
    void setUp() throws Exception {
        node = LedgerTestNode.create(home, Clock.systemUTC());
        ledgerFile = node.node().dirs().blockchainFile();
        Files.write(ledgerFile, Vectors.bytes("ledger/blockchain.json"));
        node.boot();
    }

    @AfterEach
    void tearDown() throws Exception {
        node.close();
    }

    @Test
    void examplesOfLedgerSection54() {
        assertEquals("127.0.0.1:32048", node.ok("blockchain get master bring.ip_port"));
        assertEquals("operator1_32148",
            node.ok("blockchain get operator where company = barstest bring [operator][name] _ [operator][port]"));
        assertEquals("a348b78d517d27861715310c7d57a7ef",
            node.ok("blockchain get cluster where table[dbms] = test bring [cluster][parent]"));
        assertEquals("2", node.ok("blockchain get (master, operator) bring.count"));
        assertEquals("[]", node.ok("blockchain get publisher where name = anylog-publisher"));
    }

    @Test
    void variablesInConditionsAndTheBootScriptsExistenceCheck() {
        node.node().dictionary().put("company_name", "BarsTest");
        node.node().dictionary().put("op_port", "32148");
        assertEquals("1", node.ok("blockchain get operator where company = !company_name and port = !op_port"
            + " bring.count"));
        node.ok("n = blockchain get operator where company = !company_name bring.count");
        assertEquals("1", node.node().dictionary().get("n"));
    }

    @Test
    void localCallersGetJsonAndPeersThePythonRepresentation() {
        String line = Vectors.text("ledger/blockchain.json").split("\n")[0];
        assertEquals("[" + line + "]", node.ok("blockchain get master"));
        CommandResult peer = node.exec("blockchain get master", Source.PEER);
        assertEquals("[{'master': {'name': 'master1', 'company': 'BarsTest', 'ip': '127.0.0.1', 'port': 32048, "
            + "'rest_port': 32049, 'id': '2bb4222c28ff39287f950f98bc50d9f6', 'date': '2026-11-28T11:06:56.798800Z', "
            + "'ledger': 'global'}}]", peer.output());
        assertEquals("127.0.0.1:32048", node.exec("blockchain get master bring.ip_port", Source.PEER).output());
    }

    @Test
    void queryErrors() {
        assertEquals(2, node.exec("blockchain get").code());
        assertEquals(237, node.exec("blockchain get operator where name = a or name = b").code());
        CommandResult r = node.exec("blockchain get operator bring.nonsense [operator][name]");
        assertEquals(2, r.code());
        assertEquals("Unrecognized 'bring' directive: 'bring.nonsense'", r.detail());
        assertEquals(138, node.exec("blockchain get operator where name = !not_defined").code());
    }

    @Test
    void theIndexIsBuiltAtBootAndRoutesTheExampleTable() {
        RouteResult r = node.metadata().nextDestination(null, "test", "conformance", a -> false);
        assertEquals(new RouteResult.Routed("127.0.0.1:32148", "a348b78d517d27861715310c7d57a7ef", "operator1",
            "a72bbf020bce3cf8bba9dbc19d259a32"), r);
    }

    @Test
    void reloadRebuildsAndTellsTheListeners() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        node.metadata().onChange(changes::incrementAndGet);
        Files.write(ledgerFile, Vectors.bytes("ledger/blockchain-6-policies.json"));
        node.ok("blockchain reload metadata");
        assertEquals(6, node.metadata().snapshot().size());
        assertEquals(1, changes.get());
        node.ok("blockchain load metadata");
        assertEquals(2, changes.get());
    }

    @Test
    void reloadErrorsKeepThePreviousMetadata() throws Exception {
        Files.writeString(ledgerFile, Vectors.text("ledger/blockchain.json") + "{\"operator\": [1]}\n");
        CommandResult bad = node.exec("blockchain reload metadata");
        assertEquals(69, bad.code());
        assertEquals(5, node.metadata().snapshot().size());
        assertInstanceOf(RouteResult.Routed.class, node.metadata().nextDestination(null, "test", "conformance",
            a -> false));

        Files.writeString(ledgerFile, "not json\n");
        assertEquals(69, node.exec("blockchain reload metadata").code());
        Files.delete(ledgerFile);
        CommandResult missing = node.exec("blockchain reload metadata");
        assertEquals(58, missing.code());
        assertEquals(5, node.metadata().snapshot().size());
        assertEquals("127.0.0.1:32048", node.ok("blockchain get master bring.ip_port"));
        assertEquals(2, node.exec("blockchain reload metadata now").code());
    }

    @Test
    void aBadLedgerAtBootStartsEmptyWithoutFailing() throws Exception {
        try (LedgerTestNode other = LedgerTestNode.create(home.resolve("other"), Clock.systemUTC())) {
            Files.writeString(other.node().dirs().blockchainFile(), "garbage\n");
            other.boot();
            assertEquals(0, other.metadata().snapshot().size());
            assertEquals("[]", other.ok("blockchain get *"));
        }
    }
}
