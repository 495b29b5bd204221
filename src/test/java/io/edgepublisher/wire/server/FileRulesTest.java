package io.edgepublisher.wire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FileWriteStart;
import io.edgepublisher.wire.FrameHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROTOCOL.md §8.3: bare names, canonical paths, the flags a publisher refuses, the large-message limit. */
class FileRulesTest {
    @TempDir
    Path home;
    private Path root;
    private Path tmp;
    private NodeFolderGuard guard;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(home.resolve("AnyLog-Network"));
        tmp = Files.createDirectories(root.resolve("data/tmp"));
        Files.createDirectories(root.resolve("blockchain"));
        guard = new NodeFolderGuard(root);
    }

    @Test
    void bareNames() {
        assertNull(BareFileName.problem("cmd.10.0.0.5.7.lmsg"));
        assertNull(BareFileName.largeMessageProblem("cmd.10.0.0.5.7.lmsg"));
        assertEquals("the file name is empty", BareFileName.problem(""));
        assertEquals("the file name is longer than 255 bytes", BareFileName.problem("é".repeat(128)));
        assertEquals("the file name contains a path separator", BareFileName.problem("a/b"));
        assertEquals("the file name contains a path separator", BareFileName.problem("a\\b"));
        assertEquals("the file name contains '..'", BareFileName.problem(".."));
        assertEquals("the file name contains '..'", BareFileName.problem("a..b"));
        assertEquals("the file name starts with '.'", BareFileName.problem("."));
        assertEquals("the file name starts with '!'", BareFileName.problem("!tmp_dir"));
        assertEquals("the file name contains a control character", BareFileName.problem("a\u0000b"));
        assertEquals("the file name contains a control character", BareFileName.problem("a\u0085b"));
        assertEquals("a large message must be named cmd.<ip>.<k>.lmsg", BareFileName.largeMessageProblem("cmd.x.lmsg"));
        assertEquals("a large message must be named cmd.<ip>.<k>.lmsg",
            BareFileName.largeMessageProblem("cmd.1 2.3.lmsg"));
    }

    @Test
    void theGuardKeepsWritesInsideTheNodeFolders() throws IOException {
        assertEquals(tmp.toRealPath().resolve("cmd.1.1.lmsg"), guard.inside(tmp, "cmd.1.1.lmsg"));
        Path outside = Files.createDirectories(home.resolve("outside"));
        Files.createSymbolicLink(root.resolve("data/escape"), outside);
        assertThrows(SecurityException.class, () -> guard.inside(root.resolve("data/escape"), "x"));
        assertThrows(SecurityException.class, () -> guard.literal(root.resolve("data/escape/blockchain.new")));
        assertThrows(SecurityException.class, () -> guard.literal(Path.of("relative/blockchain.new")));
        assertThrows(SecurityException.class, () -> guard.literal(root.resolve("blockchain/../../x")));
        assertThrows(SecurityException.class, () -> guard.literal(root));
        Files.createSymbolicLink(tmp.resolve("link"), outside.resolve("target"));
        assertThrows(SecurityException.class, () -> guard.inside(tmp, "link"));
        assertEquals(root.toRealPath().resolve("blockchain/blockchain.master_id_3.new"),
            guard.literal(root.resolve("blockchain/blockchain.master_id_3.new")));
    }

    @Test
    void flagsAndTheLedgerReceiver() throws Exception {
        InboundFileRules noLedger = new InboundFileRules(guard, tmp, 100, () -> null);
        assertEquals(294, refused(noLedger, root.resolve("blockchain/blockchain.master_id_1.new").toString(), 2).code());
        assertEquals(294, refused(noLedger, "a.b.0.c.0.json", 1).code());
        assertEquals(294, refused(noLedger, "/etc/passwd", 0).code());
        assertEquals(294, refused(noLedger, "cmd.1.1.lmsg", 7).code());

        FileWriteSink ledgerSink = new LargeMessageSink(tmp.resolve("ledger"), "ledger", 10, new LargeMessageBudget(10));
        InboundFileRules withLedger = new InboundFileRules(guard, tmp, 100, () -> start -> ledgerSink);
        assertEquals(ledgerSink, withLedger.open(start(root.resolve("blockchain/blockchain.master_id_1.new").toString(),
            2)));
        FileWriteRejectedException e = refused(withLedger, home.resolve("elsewhere.new").toString(), 2);
        assertEquals(home.resolve("elsewhere.new") + ": '" + home.toRealPath().resolve("elsewhere.new")
            + "' is outside the node's folders", e.getMessage());
        ledgerSink.abort();
    }

    @Test
    void largeMessagesAreLimitedAndKeptApart() throws Exception {
        InboundFileRules rules = new InboundFileRules(guard, tmp, 10, () -> null);
        LargeMessageSink first = (LargeMessageSink) rules.open(start("cmd.1.1.lmsg", 3));
        LargeMessageSink second = (LargeMessageSink) rules.open(start("cmd.1.1.lmsg", 3));
        assertEquals(tmp.toRealPath().resolve("cmd.1.1.lmsg.1"), first.target());
        assertEquals(tmp.toRealPath().resolve("cmd.1.1.lmsg.2"), second.target());
        first.append(ByteBuffer.wrap(new byte[10]));
        FileWriteRejectedException tooLarge = assertThrows(FileWriteRejectedException.class,
            () -> first.append(ByteBuffer.wrap(new byte[1])));
        assertEquals(230, tooLarge.code());
        assertEquals("cmd.1.1.lmsg: a large message may hold at most 10 bytes; the rest of the transfer was discarded",
            tooLarge.getMessage());
        first.abort();
        second.append(ByteBuffer.wrap(new byte[3]));
        second.complete();
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(second.target()), left.toList(), "the partial file is gone");
        }
    }

    @Test
    void allLargeMessagesTogetherStayWithinTheBudgetUntilTheirFilesAreGone() throws Exception {
        LargeMessageBudget budget = new LargeMessageBudget(15);
        InboundFileRules rules = new InboundFileRules(guard, tmp, 10, budget, () -> null);
        LargeMessageSink first = (LargeMessageSink) rules.open(start("cmd.1.1.lmsg", 3));
        LargeMessageSink second = (LargeMessageSink) rules.open(start("cmd.1.2.lmsg", 3));
        first.append(ByteBuffer.wrap(new byte[10]));
        first.complete();
        second.append(ByteBuffer.wrap(new byte[5]));
        FileWriteRejectedException full = assertThrows(FileWriteRejectedException.class,
            () -> second.append(ByteBuffer.wrap(new byte[1])));
        assertEquals(230, full.code());
        assertEquals("cmd.1.2.lmsg: 15 bytes of large messages are already waiting on this node; send it again later",
            full.getMessage());
        second.abort();
        assertEquals(10, budget.used(), "the aborted transfer gave its bytes back");
        first.release();
        first.release();
        assertEquals(0, budget.used(), "released once");
        LargeMessageSink third = (LargeMessageSink) rules.open(start("cmd.1.3.lmsg", 3));
        third.append(ByteBuffer.wrap(new byte[10]));
        third.abort();
        assertEquals(0, budget.used());
    }

    @Test
    void largeMessagesOfAnEarlierRunAreRemoved() throws Exception {
        Files.writeString(tmp.resolve("cmd.10.0.0.5.7.lmsg.3"), "get status");
        Files.writeString(tmp.resolve("cmd.10.0.0.5.8.lmsg.4.transfer"), "get st");
        Files.writeString(tmp.resolve("ep-transit-1-x.json.gz"), "other");
        assertEquals(2, InboundFileRules.removeLeftovers(tmp));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve("ep-transit-1-x.json.gz")), left.toList());
        }
    }

    private static FileWriteRejectedException refused(InboundFileRules rules, String name, int flag) {
        return assertThrows(FileWriteRejectedException.class, () -> rules.open(start(name, flag)));
    }

    private static FileWriteStart start(String name, int flag) {
        return new FileWriteStart(name, flag, FrameHeader.builder().genericFlag(flag).build(), null);
    }
}
