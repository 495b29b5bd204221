package io.edgepublisher.wire.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Source;
import io.edgepublisher.command.TestNodes;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.SimpleCommand;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.EchoReply;
import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.FrameHeader;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PrintReply;
import io.edgepublisher.wire.RequestRef;
import io.edgepublisher.wire.client.JobRegistry;
import io.edgepublisher.wire.client.Job;
import io.edgepublisher.wire.client.ReplySlot;
import io.edgepublisher.wire.inbound.EchoListeners;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher without sockets: messages in, replies, jobs and echo listeners out. */
class InboundDispatcherTest {
    static final PeerAddress PEER = new PeerAddress("10.0.0.7", 32148);

    @TempDir
    Path root;

    private Node node;
    private final List<PeerAddress> replyTargets = new ArrayList<>();
    private final List<OutboundMessage> replies = new ArrayList<>();
    private final List<InboundMessage> echoes = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private final JobRegistry jobs = new JobRegistry();
    private InboundDispatcher dispatcher;
    private boolean runQueued = true;

    @BeforeEach
    void setUp() throws Exception {
        node = TestNodes.plain(Map.of());
        node.name("unit");
        EchoListeners listeners = new EchoListeners();
        listeners.add(echoes::add);
        ReplyChannel channel = (to, m) -> {
            replyTargets.add(to);
            replies.add(m);
        };
        PeerCommandRunner commands = new PeerCommandRunner(node, new PeerAllowlist(node.dictionary()));
        Files.createDirectories(root.resolve("tmp"));
        LargeMessageRunner large = new LargeMessageRunner(commands);
        dispatcher = new InboundDispatcher(commands, large, jobs, listeners, channel, task -> {
            if (runQueued) {
                task.run();
            } else {
                queued.add(task);
            }
        });
    }

    @Test
    void aCommandIsAnsweredWithPrintToItsSource() throws Exception {
        dispatcher.dispatch(received(CommandRequest.of("get version").job(3, 777).receivers(2, 1).build(), PEER));
        assertEquals(List.of(PEER), replyTargets);
        InboundMessage reply = decode(replies.get(0));
        assertEquals(InboundMessage.Kind.PRINT, reply.kind());
        assertTrue(reply.text().startsWith("Edge Publisher Version: "), reply.text());
        assertEquals(1, reply.genericFlag());
        assertEquals(3, reply.jobLocation());
        assertEquals(777, reply.jobId());
        assertEquals(2, reply.receivers());
        assertEquals(1, reply.receiverId());
    }

    @Test
    void sourceZeroMeansTheSocketPeer() throws Exception {
        InboundMessage m = received(CommandRequest.of("get version").build(), new PeerAddress("0.0.0.0", 4000),
            new InetSocketAddress("127.0.0.9", 51000));
        dispatcher.dispatch(m);
        assertEquals(List.of(new PeerAddress("127.0.0.9", 4000)), replyTargets);
    }

    @Test
    void peerCommandsRunInAPeerSessionAndPythonReprStaysText() throws Exception {
        AtomicReference<Source> seen = new AtomicReference<>();
        node.commands().register(new SimpleCommand(List.of("blockchain get"), "blockchain get", Method.GET, true, c -> {
            seen.set(c.session().source());
            return Output.text("[{'operator': {'name': 'op1'}}]");
        }));
        dispatcher.dispatch(received(CommandRequest.of("blockchain get *").build(), PEER));
        assertSame(Source.PEER, seen.get());
        InboundMessage reply = decode(replies.get(0));
        assertEquals("[{'operator': {'name': 'op1'}}]", reply.text());
        assertEquals(1, reply.genericFlag(), "Python repr is not JSON");
    }

    @Test
    void jsonOutputIsFlagged2() throws Exception {
        dispatcher.dispatch(received(CommandRequest.of("get status where format = json").build(), PEER));
        InboundMessage reply = decode(replies.get(0));
        assertEquals(2, reply.genericFlag());
        assertTrue(reply.text().startsWith("{\"assigned_name\": \"unit@"), reply.text());
    }

    @Test
    void noOutputNoReply() throws Exception {
        node.dictionary().put("tcp_allow", "set node name");
        dispatcher.dispatch(received(CommandRequest.of("set node name renamed").build(), PEER));
        assertEquals("renamed", node.name());
        assertEquals(List.of(), replies);
    }

    @Test
    void tcpOpenAllowsEverything() throws Exception {
        node.dictionary().put("tcp_open", "true");
        dispatcher.dispatch(received(CommandRequest.of("set node name opened").build(), PEER));
        assertEquals("opened", node.name());
    }

    @Test
    void unknownAndUnauthorizedCommands() throws Exception {
        dispatcher.dispatch(received(CommandRequest.of("frobnicate\tthe widgets").build(), PEER));
        dispatcher.dispatch(received(CommandRequest.of("exit node 3").build(), PEER));
        InboundMessage unknown = decode(replies.get(0));
        assertEquals("echo Command 'frobnicate\tthe widgets' not recoginzed", unknown.command());
        assertEquals(1, unknown.errorCode());
        InboundMessage refused = decode(replies.get(1));
        assertEquals("echo", refused.command());
        assertEquals("Command 'exit node' is not allowed from peers", refused.text());
        assertEquals(212, refused.errorCode());
        assertTrue(!node.exiting());
    }

    @Test
    void repliesFillTheWaitingJob() throws Exception {
        Job job = jobs.open(List.of(PEER, new PeerAddress("10.0.0.8", 32148)));
        RequestRef ref = new RequestRef(job.location(), job.id(), 2, 1, 1, 0, 0);
        dispatcher.dispatch(received(PrintReply.text(ref, "operator2 running"), new PeerAddress("10.0.0.8", 32148)));
        dispatcher.dispatch(received(EchoReply.of(new RequestRef(job.location(), job.id() + 1, 2, 0, 1, 0, 0), 1,
            "late"), PEER));
        assertEquals(List.of(), replies);
        assertEquals(1, echoes.size(), "the echo for an unknown job goes to the listeners");
        assertEquals("late", echoes.get(0).text());
        List<ReplySlot> slots = job.slots();
        assertEquals(ReplySlot.State.MISSING, slots.get(0).state());
        assertEquals(new ReplySlot(new PeerAddress("10.0.0.8", 32148), ReplySlot.State.REPLIED, 0, "operator2 running",
            false), slots.get(1));
        jobs.close(job);
    }

    @Test
    void unclaimedPrintsAreOnlyLogged() throws Exception {
        dispatcher.dispatch(received(PrintReply.text(RequestRef.NONE, "hello"), PEER));
        assertEquals(List.of(), echoes);
        assertEquals(List.of(), replies);
    }

    @Test
    void refusedFileWritesAreAnsweredWith294() throws Exception {
        InboundMessage m = receivedFile(FileWriteMessage.of("a.b.0.c.0.json", 1, new byte[10]), PEER);
        dispatcher.dispatch(m);
        InboundMessage reply = decode(replies.get(0));
        assertEquals(294, reply.errorCode());
        assertEquals("'File write' operation failed: <a.b.0.c.0.json: a publisher does not accept data files"
            + " (generic flag 1): it is not an operator>", reply.text());
    }

    @Test
    void jobRepliesAreDiscarded() throws Exception {
        FrameHeader h = FrameHeader.builder().block(1, true).source(PEER).build();
        MessageAssembler a = new MessageAssembler(null, null);
        dispatcher.dispatch(a.accept(Frame.of(h, "job reply")));
        assertEquals(List.of(), replies);
        assertEquals(List.of(), echoes);
    }

    @Test
    void aFullQueueDropsCommandsInsteadOfQueueingWithoutBound() throws Exception {
        runQueued = false;
        for (int i = 0; i < InboundDispatcher.MAX_PENDING + 10; i++) {
            dispatcher.dispatch(received(CommandRequest.of("get version").build(), PEER));
        }
        assertEquals(InboundDispatcher.MAX_PENDING, queued.size());
        queued.forEach(Runnable::run);
        dispatcher.dispatch(received(CommandRequest.of("get version").build(), PEER));
        assertEquals(InboundDispatcher.MAX_PENDING + 1, queued.size(), "finished commands free their places");
    }

    @Test
    void aBrokenListenerDoesNotStopTheDispatcher() throws Exception {
        EchoListeners listeners = new EchoListeners();
        listeners.add(e -> {
            throw new IllegalStateException("boom");
        });
        List<String> heard = new ArrayList<>();
        listeners.add(e -> heard.add(e.text()));
        ReplyChannel channel = (to, m) -> {
            replyTargets.add(to);
            replies.add(m);
        };
        InboundDispatcher d = new InboundDispatcher(new PeerCommandRunner(node, new PeerAllowlist(node.dictionary())),
            null, jobs, listeners, channel, Runnable::run);
        assertDoesNotThrow(() -> d.dispatch(received(EchoReply.of(RequestRef.NONE, 294, "first"), PEER)));
        // The same dispatcher goes on with the next messages: another echo, and a command that is answered.
        assertDoesNotThrow(() -> d.dispatch(received(EchoReply.of(RequestRef.NONE, 294, "second"), PEER)));
        d.dispatch(received(CommandRequest.of("get version").build(), PEER));
        assertEquals(List.of("first", "second"), heard, "the listener after the broken one hears every echo");
        assertEquals(List.of(PEER), replyTargets);
        assertTrue(decode(replies.get(0)).text().startsWith("Edge Publisher Version: "));
    }

    static InboundMessage received(OutboundMessage m, PeerAddress source) throws Exception {
        return received(m, source, null);
    }

    static InboundMessage received(OutboundMessage m, PeerAddress source, InetSocketAddress socket) throws Exception {
        return assemble(m, source, new MessageAssembler(socket, null));
    }

    private InboundMessage receivedFile(OutboundMessage m, PeerAddress source) throws Exception {
        return assemble(m, source, new MessageAssembler(null, new InboundFileRules(new NodeFolderGuard(root),
            root.resolve("tmp"), 1 << 20, () -> null)));
    }

    /** Encodes every frame of {@code m} and feeds it to {@code a} until it completes the message. */
    private static InboundMessage assemble(OutboundMessage m, PeerAddress source, MessageAssembler a) throws Exception {
        FrameDecoder d = new FrameDecoder();
        for (Frame f : m.frames(source)) {
            InboundMessage done = a.accept(d.decode(FrameEncoder.encode(f), 0));
            if (done != null) {
                return done;
            }
        }
        throw new AssertionError("no last block");
    }

    static InboundMessage decode(OutboundMessage m) throws Exception {
        return received(m, new PeerAddress("127.0.0.1", 1));
    }
}
