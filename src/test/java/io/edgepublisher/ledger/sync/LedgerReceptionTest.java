package io.edgepublisher.ledger.sync;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.ledger.Md5;
import io.edgepublisher.ledger.Vectors;
import io.edgepublisher.ledger.testing.LedgerTestNode;
import io.edgepublisher.ledger.testing.MasterDouble;
import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FileWriteStart;
import io.edgepublisher.wire.FrameHeader;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flag-2 ledger files: who may send them and where (PROTOCOL.md §8.3 rule 3), the merge (LEDGER.md §4.5) and the
 * hash rule of the requests (§4.4 step 2), with a {@link MasterDouble} and a node without Camel (the route is
 * covered by {@code BlockchainSyncRouteTest}).
 */
class LedgerReceptionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] LEDGER = Vectors.bytes("ledger/blockchain.json");
    private static final byte[] LEDGER6 = Vectors.bytes("ledger/blockchain-6-policies.json");

    @TempDir
    Path home;
    private LedgerTestNode node;
    private MasterDouble master;
    private Path ledgerFile;

    @BeforeEach
    void setUp() throws Exception {
        node = LedgerTestNode.create(home, Clock.systemUTC()).withTcp().boot();
        master = MasterDouble.start();
        ledgerFile = node.node().dirs().blockchainFile();
    }

    @AfterEach
    void tearDown() throws Exception {
        master.close();
        node.close();
    }

    private Synchronizer startSync() {
        node.sync().start(new SyncConfig(master.connection(), 30));
        return node.sync();
    }

    /** One request; waits until the master's file was handled (merged or rejected). */
    private void syncOnce(boolean forceZero) {
        long mark = node.sync().filesHandled();
        assertTrue(node.sync().request(forceZero));
        assertTrue(node.sync().awaitFileAfter(mark, WAIT.toMillis()), "no ledger file handled");
    }

    private String requestPath() {
        return node.node().dirs().blockchainNew().toAbsolutePath().toString();
    }

    @Test
    void theMastersLedgerIsMergedAndRecorded() throws Exception {
        master.serve(LEDGER).counter(7);
        startSync();
        syncOnce(true);
        assertArrayEquals(LEDGER, Files.readAllBytes(ledgerFile));
        assertEquals(5, node.metadata().snapshot().size());
        SyncState s = node.sync().state();
        assertEquals(Md5.hex(LEDGER), s.receivedMd5());
        assertEquals(Md5.hex(LEDGER), s.mergedMd5());
        assertEquals(s, SyncState.fromJson(Files.readString(node.node().dirs().dir("state_dir").resolve("sync.json"))));
        assertEquals("event get_blockchain " + requestPath() + " 0 0", master.commands().get(0));
        assertEquals(List.of("blockchain.json"), blockchainDirFiles(), "the received file is deleted");
        assertEquals("127.0.0.1:32148", node.metadata().candidates(null, "test", "conformance").iterator().next());
    }

    @Test
    void requestsCarryTheReceivedMd5AfterTheFirstMergeAndZeroWhenForced() throws Exception {
        master.serve(LEDGER);
        startSync();
        syncOnce(true);
        assertTrue(node.sync().request(false));
        syncOnce(true);
        master.awaitCommand(c -> c.startsWith("event"), 3, WAIT).orElseThrow();
        assertEquals(List.of("event get_blockchain " + requestPath() + " 0 0",
            "event get_blockchain " + requestPath() + " " + Md5.hex(LEDGER) + " 0",
            "event get_blockchain " + requestPath() + " 0 0"), master.commands());
        // The same hash as the master's ledger: the master sends nothing for the second request.
        master.awaitSendsDone(WAIT);
        assertEquals(2, master.filesSent().size());

        // A local change makes blockchain.json differ from what the merge wrote: the next request asks with 0.
        node.ok("p = {\"publisher\": {\"name\": \"mine\"}}");
        node.ok("blockchain insert where policy = !p and local = true");
        syncOnce(false);
        assertEquals("event get_blockchain " + requestPath() + " 0 0",
            master.awaitCommand(c -> c.startsWith("event"), 4, WAIT).orElseThrow());
    }

    @Test
    void missingLocalPoliciesAreKeptAndRePushedWithIgnore() throws Exception {
        node.ok("p = {\"publisher\": {\"name\": \"mine\", \"ip\": \"127.0.0.1\", \"port\": 32248}}");
        node.ok("blockchain insert where policy = !p and local = true");
        String localLine = Files.readString(ledgerFile).trim();
        master.serve(LEDGER);
        startSync();
        syncOnce(true);
        assertEquals(new String(LEDGER, StandardCharsets.UTF_8) + localLine + "\n", Files.readString(ledgerFile));
        String push = master.awaitCommand(c -> c.startsWith("blockchain push"), 1, WAIT).orElseThrow();
        assertEquals("blockchain push\tignore " + localLine.replace("\"ledger\": \"local\"", "\"ledger\": \"global\""),
            push);
        assertTrue(node.metadata().snapshot().policies().get(5).isLocal());
    }

    @Test
    void aCorruptOrEmptyFileIsRejectedAndTheOldLedgerStays() throws Exception {
        master.serve(LEDGER);
        Synchronizer sync = startSync();
        syncOnce(true);
        byte[] good = Files.readAllBytes(ledgerFile);

        byte[] truncated = java.util.Arrays.copyOf(LEDGER6, LEDGER6.length - 40);
        master.serve(truncated);
        syncOnce(true);
        assertArrayEquals(good, Files.readAllBytes(ledgerFile));
        assertEquals(5, node.metadata().snapshot().size());
        assertTrue(sync.lastFileError().startsWith("Wrong blockchain structure: line 6 is not a policy"),
            sync.lastFileError());
        assertTrue(sync.runningStatus().details().startsWith("Sync every 30 seconds with master using: "
            + master.connection() + " (last ledger file rejected: Wrong blockchain structure: line 6"),
            sync.runningStatus().details());
        assertEquals(Md5.hex(LEDGER), sync.state().receivedMd5(), "a rejected file is not recorded");

        master.serve(new byte[0]);
        syncOnce(true);
        assertEquals("Empty local blockchain file: the ledger file holds no policy", sync.lastFileError());
        assertArrayEquals(good, Files.readAllBytes(ledgerFile));
        assertEquals(List.of("blockchain.json"), blockchainDirFiles());

        master.serve(LEDGER6);
        syncOnce(true);
        assertNull(sync.lastFileError());
        assertArrayEquals(LEDGER6, Files.readAllBytes(ledgerFile));
        assertEquals("Sync every 30 seconds with master using: " + master.connection(),
            sync.runningStatus().details());
    }

    @Test
    void filesFromOthersOrAtOtherPathsAreRefusedWith294() throws Exception {
        Files.write(ledgerFile, LEDGER);
        node.ok("blockchain reload metadata");
        LedgerFileReceiver receiver = Beans.get(node.node(), LedgerFileReceiver.class);
        String good = SyncRequest.replyPath(requestPath(), 3);

        // No master configured yet (the test node has no master_node).
        assertRefused(receiver, start(good, 2, "127.0.0.1", master.address().port(), "127.0.0.1"));
        startSync();
        // Neither the header's source nor the socket's peer is the master.
        assertRefused(receiver, start(good, 2, "10.1.1.1", 32048, "10.1.1.1"));
        assertRefused(receiver, start(good, 2, "127.0.0.1", 9, "10.1.1.1"));
        // Not a path this node asked for.
        String dir = node.node().dirs().dir("blockchain_dir").toString();
        for (String bad : List.of(SyncRequest.replyPath(requestPath(), 0), SyncRequest.replyPath(requestPath(), 10),
            requestPath(), dir + "/blockchain.json", dir + "/../blockchain.master_id_1.new",
            "/tmp/blockchain.master_id_1.new", "blockchain.master_id_1.new")) {
            assertRefused(receiver, start(bad, 2, "127.0.0.1", master.address().port(), "127.0.0.1"));
        }
        // Not flag 2.
        assertRefused(receiver, start(good, 1, "127.0.0.1", master.address().port(), "127.0.0.1"));
        assertEquals(List.of("blockchain.json"), blockchainDirFiles());
        assertArrayEquals(LEDGER, Files.readAllBytes(ledgerFile));

        // The socket's peer IP alone identifies the master (the header may carry another address).
        FileWriteSink sink = receiver.open(start(good, 2, "192.0.2.1", 1, "127.0.0.1"));
        sink.abort();
        assertEquals(List.of("blockchain.json"), blockchainDirFiles());
    }

    @Test
    void theMasterPolicysLocalIpIdentifiesTheMasterBehindNat() throws Exception {
        Files.writeString(ledgerFile, "{\"master\": {\"name\": \"m\", \"ip\": \"203.0.113.5\", \"local_ip\": "
            + "\"10.9.9.9\", \"port\": 32048, \"id\": \"x\", \"date\": \"d\", \"ledger\": \"global\"}}\n");
        node.ok("blockchain reload metadata");
        node.sync().start(new SyncConfig("203.0.113.5:32048", 30));
        LedgerFileReceiver receiver = Beans.get(node.node(), LedgerFileReceiver.class);
        String good = SyncRequest.replyPath(requestPath(), 9);
        receiver.open(start(good, 2, "10.9.9.9", 40000, "10.9.9.9")).abort();
        assertRefused(receiver, start(good, 2, "10.9.9.8", 40000, "10.9.9.8"));
    }

    @Test
    void aFileArrivingDuringAMergeWaitsAndOnlyTheNewestIsMerged() throws Exception {
        LedgerMerger merger = Beans.get(node.node(), LedgerMerger.class);
        CountDownLatch inMerge = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        node.metadata().onChange(() -> {
            sizes.add(node.metadata().snapshot().size());
            inMerge.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long mark = node.sync().filesHandled();
        merger.submit(LEDGER);
        assertTrue(inMerge.await(20, TimeUnit.SECONDS));
        merger.submit("{\"master\": {\"name\": \"never merged\"}}\n".getBytes(StandardCharsets.UTF_8));
        merger.submit(LEDGER6);
        release.countDown();
        assertTrue(node.sync().awaitFileAfter(mark + 1, WAIT.toMillis()));
        assertEquals(List.of(5, 6), sizes);
        assertArrayEquals(LEDGER6, Files.readAllBytes(ledgerFile));
    }

    private static FileWriteStart start(String name, int flag, String headerIp, int headerPort, String socketIp)
        throws Exception {
        FrameHeader h = FrameHeader.builder().source(headerIp, headerPort).genericFlag(flag).build();
        return new FileWriteStart(name, flag, h, new InetSocketAddress(InetAddress.getByName(socketIp), 50000));
    }

    private static void assertRefused(LedgerFileReceiver receiver, FileWriteStart start) {
        FileWriteRejectedException e = assertThrows(FileWriteRejectedException.class, () -> receiver.open(start),
            start.toString());
        assertEquals(294, e.code());
    }

    private List<String> blockchainDirFiles() throws Exception {
        try (Stream<Path> s = Files.list(node.node().dirs().dir("blockchain_dir"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
