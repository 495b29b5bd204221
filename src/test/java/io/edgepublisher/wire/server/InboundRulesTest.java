package io.edgepublisher.wire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.testing.RawListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the node does with commands it must refuse, with file writes, and with large messages (PROTOCOL.md §8). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundRulesTest {
    @TempDir
    static Path home;
    private TestNode node;
    private RawListener peer;
    private Path root;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of("EP_TCP_ALLOW", "get dictionary"), "set node name rules-test\n"
            + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port and threads = 2\n");
        peer = RawListener.start();
        root = node.node().dirs().root();
    }

    @AfterAll
    void stop() throws Exception {
        peer.close();
        node.close();
    }

    @BeforeEach
    void clear() {
        peer.clear();
    }

    @Test
    void aRecognisedCommandOutsideTheAllowlistIsRefusedWith212() throws Exception {
        InboundMessage reply = exchange(CommandRequest.of("set node name hacked").job(4, 44).build());
        assertEquals(InboundMessage.Kind.ECHO, reply.kind());
        assertEquals(212, reply.errorCode());
        assertEquals("echo", reply.command());
        assertEquals("Command 'set node name' is not allowed from peers", reply.text(), "shown by EdgeLake, which prints the payload");
        assertEquals(4, reply.jobLocation());
        assertEquals(44, reply.jobId());
        assertEquals("rules-test", node.node().name(), "the command did not run");
    }

    @Test
    void extraPrefixesComeFromEpTcpAllow() throws Exception {
        InboundMessage reply = exchange(CommandRequest.of("get dictionary").build());
        assertEquals(InboundMessage.Kind.PRINT, reply.kind());
        assertTrue(reply.text().contains("node_name"), reply.text());
        assertTrue(reply.text().contains("rules-test"), reply.text());
    }

    @Test
    void aFailingAllowedCommandGetsEdgeLakesStatusEcho() throws Exception {
        // the detail would quote the value of !rest_password; a peer gets only the code's text
        node.node().dictionary().put("rest_password", "s3cret");
        InboundMessage reply = exchange(CommandRequest.of("get status where format = !rest_password").build());
        assertEquals(InboundMessage.Kind.ECHO, reply.kind());
        assertEquals(2, reply.errorCode());
        assertEquals("echo", reply.command());
        assertEquals("Error Command Structure", reply.text());
    }

    @Test
    void aCommandWithoutOutputGetsNoReply() throws Exception {
        node.node().dictionary().put("tcp_allow", "wait");
        try {
            InboundConformanceTest.send(node.tcpPort(), encode(CommandRequest.of("wait 0").build()));
            // an unknown command after it is answered; the first reply to arrive is therefore the second one's
            InboundMessage next = exchange(CommandRequest.of("nothing here").build());
            assertEquals("Command 'nothing here' not recoginzed", next.text());
        } finally {
            node.node().dictionary().put("tcp_allow", "get dictionary");
        }
    }

    @Test
    void dataFilesAreRefusedWith294AndNothingIsWritten() throws Exception {
        Map<String, Long> before = tree();
        InboundMessage reply = exchange(FileWriteMessage.of("mydb.t.0.abc.0.json", 1, "{}".getBytes()));
        assertEquals(294, reply.errorCode());
        assertEquals("'File write' operation failed: <mydb.t.0.abc.0.json: a publisher does not accept data files"
            + " (generic flag 1): it is not an operator>", reply.text());
        reply = exchange(FileWriteMessage.of(root.resolve("data/watch/x.json").toString(), 0, new byte[5000]));
        assertEquals(294, reply.errorCode());
        assertTrue(reply.text().contains("literal paths (generic flag 0)"), reply.text());
        assertEquals(before, tree());
    }

    @Test
    void largeMessagesWithBadNamesAreRefusedWith294() throws Exception {
        Map<String, Long> before = tree();
        for (String name : new String[] {"../../evil.lmsg", "cmd.1.2.3.4.1.lmsg/../../x", ".cmd.1.lmsg", "!tmp_dir",
            "cmd.a..b.1.lmsg", "other.name", "cmd.1.2.3.4.1.lmsg\u0007", "x".repeat(300), "cmd.1.2.3.4.x.lmsg"}) {
            InboundMessage reply = exchange(FileWriteMessage.of(name, 3, "get status".getBytes()));
            assertEquals(294, reply.errorCode(), name);
            assertTrue(reply.text().startsWith("'File write' operation failed: <"), reply.text());
        }
        assertEquals(before, tree());
    }

    @Test
    void aLargeMessageThroughASymbolicLinkIsRefused() throws Exception {
        Path outside = Files.createTempFile("outside", ".txt");
        List<Path> links = new ArrayList<>();
        // the node numbers received large messages; links for the next numbers stand in for a planted one
        for (int n = 1; n <= 50; n++) {
            links.add(Files.createSymbolicLink(root.resolve("data/tmp/cmd.127.0.0.1.99.lmsg." + n + ".transfer"),
                outside));
        }
        try {
            InboundMessage reply = exchange(FileWriteMessage.of("cmd.127.0.0.1.99.lmsg", 3, "get status".getBytes()));
            assertEquals(294, reply.errorCode());
            assertTrue(reply.text().contains("symbolic link"), reply.text());
            assertEquals(0, Files.size(outside));
        } finally {
            for (Path l : links) {
                Files.delete(l);
            }
            Files.delete(outside);
        }
    }

    @Test
    void aLargeCommandRunsAndItsFileIsDeleted() throws Exception {
        String command = "get status" + " ".repeat(2000) + "where format = json";
        OutboundMessage m = CommandRequest.of(command).job(9, 909).receivers(2, 1).build();
        assertTrue(m.isLargeMessage());
        InboundMessage reply = exchange(m);
        assertEquals(InboundMessage.Kind.PRINT, reply.kind());
        assertEquals("{\"assigned_name\": \"rules-test@127.0.0.1:" + node.tcpPort()
            + "\", \"status\": \"running\", \"profiling\": false}", reply.text());
        assertEquals(2, reply.genericFlag());
        assertEquals(909, reply.jobId());
        assertEquals(1, reply.receiverId());
        assertEquals(0, count(root.resolve("data/tmp")));
    }

    @Test
    void aFailingLargeCommandIsAnsweredAndNotKept() throws Exception {
        Map<String, Long> before = tree();
        String command = "frobnicate " + "x".repeat(3000);
        InboundMessage reply = exchange(CommandRequest.of(command).build());
        assertEquals(1, reply.errorCode());
        assertEquals("Command '" + command.substring(0, PeerCommandRunner.MAX_QUOTED) + "...' not recoginzed",
            reply.text());
        assertEquals(before, tree(), "nothing a peer sent is kept, in data/error or elsewhere");
    }

    @Test
    void aCommandOfExactly1MiBRuns() throws Exception {
        String head = "get status where format = json";
        String command = head + " ".repeat((1 << 20) - head.length());
        InboundMessage reply = exchange(FileWriteMessage.of("cmd.127.0.0.1.4.lmsg", 3,
            command.getBytes(StandardCharsets.UTF_8)));
        assertEquals(InboundMessage.Kind.PRINT, reply.kind());
        assertTrue(reply.text().contains("\"status\": \"running\""), reply.text());
        assertEquals(0, count(root.resolve("data/tmp")));
    }

    @Test
    void largeMessagesOverTheProtocolsMiBAreRefusedWith230AndNothingIsKept() throws Exception {
        Map<String, Long> before = tree();
        // what filled the disk: any peer, no authentication, 2 MB each, every one kept in data/error
        byte[] twoMb = ("frobnicate " + "x".repeat(2_000_000)).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            InboundMessage reply = exchange(FileWriteMessage.of("cmd.127.0.0.1.5.lmsg", 3, twoMb));
            assertEquals(230, reply.errorCode());
            assertEquals("'File write' operation failed: <cmd.127.0.0.1.5.lmsg: a large message may hold at most"
                + " 1048576 bytes; the rest of the transfer was discarded>", reply.text());
        }
        byte[] justOver = new byte[(1 << 20) + 1];
        java.util.Arrays.fill(justOver, (byte) ' ');
        assertEquals(230, exchange(FileWriteMessage.of("cmd.127.0.0.1.6.lmsg", 3, justOver)).errorCode());
        assertEquals(before, tree(), "nothing was kept");
    }

    /** Sends one message as if from our listener and returns the node's reply, decoded. */
    private InboundMessage exchange(OutboundMessage m) throws Exception {
        InboundConformanceTest.send(node.tcpPort(), encode(m));
        byte[] bytes = peer.await(Duration.ofSeconds(20));
        assertNotNull(bytes, "no reply to " + m);
        MessageAssembler a = new MessageAssembler(null, null);
        FrameDecoder d = new FrameDecoder();
        for (int off = 0; off < bytes.length; off += 2048) {
            InboundMessage done = a.accept(d.decode(bytes, off));
            if (done != null) {
                assertEquals(bytes.length, off + 2048, "nothing after the last block");
                return done;
            }
        }
        throw new AssertionError("reply without a last block");
    }

    private byte[] encode(OutboundMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : m.frames(new PeerAddress("127.0.0.1", peer.port()))) {
            out.writeBytes(FrameEncoder.encode(f));
        }
        return out.toByteArray();
    }

    private Map<String, Long> tree() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).forEach(p -> out.put(root.relativize(p).toString(), p.toFile().length()));
        }
        return out;
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
