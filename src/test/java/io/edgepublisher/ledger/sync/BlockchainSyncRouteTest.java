package io.edgepublisher.ledger.sync;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.ledger.Md5;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.ledger.Vectors;
import io.edgepublisher.ledger.testing.LedgerInbound;
import io.edgepublisher.ledger.testing.LedgerTestNode;
import io.edgepublisher.ledger.testing.MasterDouble;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run blockchain sync} on the real node: the quartz route {@code blockchain-sync}, its requests, the
 * {@code Blockchain Sync} row and the command's errors. The TCP server's services are registered by the test.
 */
class BlockchainSyncRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] LEDGER = Vectors.bytes("ledger/blockchain.json");

    @TempDir
    Path home;
    private TestNode test;
    private Node node;
    private MasterDouble master;
    private PeerClient client;
    private LedgerInbound inbound;

    @BeforeEach
    void setUp() throws Exception {
        test = TestNode.start(home, Map.of(), "set node name sync-test\n");
        node = test.node();
        master = MasterDouble.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        // The master first, so that no transfer is still writing into the node home when it is deleted.
        master.close();
        if (inbound != null) {
            inbound.close();
        }
        test.close();
        if (client != null) {
            client.close();
        }
    }

    /** What the TCP server registers when it starts. */
    private void tcpServer() throws Exception {
        inbound = new LedgerInbound(Beans.get(node, LedgerFileReceiver.class));
        client = new PeerClient(LedgerTestNode.FAST);
        Beans.bind(node, PeerClient.class, client);
        Beans.bind(node, SourceAddress.class, SourceAddress.internalOnly(inbound.address()));
    }

    private String request(String hash) {
        return "event get_blockchain " + node.dirs().blockchainNew().toAbsolutePath() + " " + hash + " 0";
    }

    private ProcessStatus row() {
        return node.processes().status("Blockchain Sync");
    }

    private void awaitRow(Predicate<ProcessStatus> p) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!p.test(row())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("row never matched: " + row());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void startMergesFirstThenTheRouteAsksWithTheMd5() throws Exception {
        tcpServer();
        master.serve(LEDGER);
        AtomicInteger changes = new AtomicInteger();
        Beans.get(node, MetadataService.class).onChange(changes::incrementAndGet);
        NotifyBuilder twoCycles = new NotifyBuilder(node.camel()).fromRoute(SyncRoute.ROUTE_ID).whenDone(2).create();
        test.ok("run blockchain sync where source = master and time = 1 seconds and dest = file and connection = "
            + master.connection());
        // The command returned after the first merge: the ledger is there already.
        assertArrayEquals(LEDGER, Files.readAllBytes(node.dirs().blockchainFile()));
        assertEquals(request("0"), master.commands().get(0));
        assertTrue(twoCycles.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS), "two cycles of " + SyncRoute.ROUTE_ID);
        assertEquals(request(Md5.hex(LEDGER)), master.awaitCommand(c -> c.startsWith("event"), 2, WAIT).orElseThrow());
        assertEquals(request(Md5.hex(LEDGER)), master.awaitCommand(c -> c.startsWith("event"), 3, WAIT).orElseThrow());
        master.awaitSendsDone(WAIT);
        assertEquals(1, master.filesSent().size(), "the master's ledger did not change: nothing more was sent");
        assertTrue(changes.get() >= 3, "listeners run after the merge and after every cycle: " + changes.get());
        assertEquals(new ProcessStatus(true, "Sync every 1 seconds with master using: " + master.connection()), row());
        assertTrue(test.ok("get processes").contains(
            "    Blockchain Sync|Running     |Sync every 1 seconds with master using: " + master.connection()));

        CommandResult again = test.exec("run blockchain sync where source = master and time = 1 seconds and dest = "
            + "file and connection = " + master.connection());
        assertEquals(136, again.code());
        assertEquals("Duplicate call to initiate blockchain synchronizer", again.detail());

        // The bare form asks with 0 and waits for the (re-sent) ledger.
        int before = master.filesSent().size();
        test.ok("run blockchain sync");
        assertTrue(master.commands().contains(request("0")));
        assertTrue(master.filesSent().size() > before);
    }

    @Test
    void theTriggerFiresAtTheCommandsIntervalAndANewIntervalReschedulesIt() throws Exception {
        tcpServer();
        master.serve(LEDGER);
        // Declared at boot, stopped until the command starts it.
        assertEquals("Stopped", node.camel().getRouteController().getRouteStatus(SyncRoute.ROUTE_ID).name());
        String run = "run blockchain sync where source = master and time = %d seconds and dest = file and "
            + "connection = " + master.connection();
        NotifyBuilder three = new NotifyBuilder(node.camel()).fromRoute(SyncRoute.ROUTE_ID).whenDone(3).create();
        long t0 = System.nanoTime();
        test.ok(String.format(run, 1));
        assertEquals(1000, SyncRoute.intervalMillis(node.camel()));
        assertTrue(three.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS), "three cycles at 1 second");
        // Quartz never fires early: the first cycle comes one interval after the start, then one per interval.
        assertTrue(elapsedMillis(t0) >= 2_900, "three 1-second cycles took " + elapsedMillis(t0) + " ms");

        // Other settings are not a duplicate: the same trigger is rescheduled at the new interval.
        test.ok(String.format(run, 3));
        assertEquals(3000, SyncRoute.intervalMillis(node.camel()));
        assertEquals("Sync every 3 seconds with master using: " + master.connection(), row().details());
        NotifyBuilder two = new NotifyBuilder(node.camel()).fromRoute(SyncRoute.ROUTE_ID).whenDone(2).create();
        long t1 = System.nanoTime();
        assertTrue(two.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS), "two cycles at 3 seconds");
        assertTrue(elapsedMillis(t1) >= 5_500, "two 3-second cycles took " + elapsedMillis(t1) + " ms");

        // The interval survives a stop and start of the route over JMX.
        node.camel().getRouteController().stopRoute(SyncRoute.ROUTE_ID);
        node.camel().getRouteController().startRoute(SyncRoute.ROUTE_ID);
        assertEquals(3000, SyncRoute.intervalMillis(node.camel()));
        assertEquals(136, test.exec(String.format(run, 3)).code());
    }

    private static long elapsedMillis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void theRowFollowsTheMastersReachabilityAndTheRoute() throws Exception {
        tcpServer();
        master.serve(LEDGER);
        test.ok("run blockchain sync where source = master and time = 1 seconds and dest = file and connection = "
            + master.connection());
        master.stop();
        awaitRow(s -> s.details().equals("Failed to connect to master using: " + master.connection()));
        assertTrue(row().running());
        master.restart();
        awaitRow(s -> s.details().equals("Sync every 1 seconds with master using: " + master.connection()));

        node.camel().getRouteController().stopRoute(SyncRoute.ROUTE_ID);
        assertEquals(new ProcessStatus(false, ""), row());
        node.camel().getRouteController().startRoute(SyncRoute.ROUTE_ID);
        assertTrue(row().running());

        test.ok("exit synchronizer");
        // This node was started without LEDGER_CONN.
        assertEquals(new ProcessStatus(false, "No master configured: local ledger only"), row());
        assertEquals(150, test.exec("run blockchain sync").code());
        assertEquals(150, test.exec("exit synchronizer").code());
        // It can start again, with another interval.
        test.ok("run blockchain sync where source = master and time = 2 seconds and dest = file and connection = "
            + master.connection());
        assertEquals("Sync every 2 seconds with master using: " + master.connection(), row().details());
    }

    @Test
    void withoutMasterTheRowSaysLocalLedgerOnly() {
        assertEquals(new ProcessStatus(false, "No master configured: local ledger only"), row());
        assertEquals(150, test.exec("run blockchain sync").code());
    }

    @Test
    void commandErrors() throws Exception {
        String ok = "run blockchain sync where source = master and time = 1 seconds and dest = file and connection = "
            + master.connection();
        assertEquals(135, test.exec(ok).code());
        tcpServer();
        assertEquals(237, test.exec(ok.replace("source = master", "source = dbms")).code());
        assertEquals(237, test.exec(ok.replace("source = master", "source = blockchain")).code());
        assertEquals(237, test.exec(ok.replace("dest = file", "dest = dbms")).code());
        assertEquals(237, test.exec(ok + " and platform = ethereum").code());
        assertEquals(237, test.exec(ok + " and file = x.json").code());
        CommandResult zero = test.exec(ok.replace("time = 1 seconds", "time = 0 seconds"));
        assertEquals(2, zero.code());
        assertEquals("Blockchain sync time is set to 0", zero.detail());
        assertEquals(2, test.exec(ok.replace("source = master and ", "")).code());
        assertEquals(2, test.exec(ok.replace("source = master", "source = nowhere")).code());
        assertEquals(2, test.exec(ok + " and colour = red").code());
        CommandResult noMaster = test.exec(ok.replace(" and connection = " + master.connection(), ""));
        assertEquals(2, noMaster.code());
        assertEquals("Missing 'connection' info for master node", noMaster.detail());
        assertEquals(new ProcessStatus(false, "No master configured: local ledger only"), row());
    }

    @Test
    void seedStyleValuesAndTheMasterFromTheLedger() throws Exception {
        tcpServer();
        master.serve(LEDGER);
        // A master policy pointing at the double: run blockchain sync takes its address when no connection is given.
        Files.writeString(node.dirs().blockchainFile(), "{\"master\": {\"name\": \"m\", \"ip\": \"127.0.0.1\", "
            + "\"port\": " + master.address().port() + ", \"id\": \"m1\", \"date\": \"d\", \"ledger\": \"global\"}}\n");
        test.ok("blockchain reload metadata");
        test.ok("run blockchain sync where source = blockchain_source and time = 1 seconds and dest = "
            + "blockchain_destination");
        assertEquals("Sync every 1 seconds with master using: " + master.connection(), row().details());
        assertArrayEquals(LEDGER, Files.readAllBytes(node.dirs().blockchainFile()));
    }

    @Test
    void withLedgerConnAStoppedSynchronizerIsNotDeclaredAndAnUnreachableMasterDoesNotFailTheStart() throws Exception {
        test.close();
        master.stop();
        test = TestNode.start(home.resolve("with-master"), Map.of("LEDGER_CONN", master.connection()),
            "set node name sync-test\n");
        node = test.node();
        assertEquals(new ProcessStatus(false, ""), row());
        tcpServer();
        test.ok("run blockchain sync where source = master and time = 30 seconds and dest = file and connection = "
            + "!ledger_conn");
        assertEquals(new ProcessStatus(true, "Failed to connect to master using: " + master.connection()), row());
        master.restart();
        test.ok("run blockchain sync");
        assertEquals(new ProcessStatus(true, "Sync every 30 seconds with master using: " + master.connection()), row());
        test.ok("exit synchronizer");
        assertEquals(new ProcessStatus(false, ""), row());
    }
}
