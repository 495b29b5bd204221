package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PeerClient against the OperatorSink test double: deliveries, failures and their codes (§9, PUBLISHER.md §5). */
class PeerClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Path FW = ConformanceVectors.root().resolve("frames/filewrite/data");

    @TempDir
    Path watch;
    @TempDir
    Path tmp;

    private OperatorSink operator;
    private OperatorSink ourServer;
    private SourceAddress ours;
    private PeerClient client;

    @BeforeEach
    void setUp() throws IOException {
        operator = OperatorSink.builder().watchDir(watch).build().start();
        ourServer = OperatorSink.builder().build().start();
        ours = SourceAddress.internalOnly(ourServer.address());
        client = new PeerClient(PeerClientConfig.defaults()
                .withCloseWait(Duration.ofSeconds(5))
                .withCommandRetry(new RetryPolicy(3, Duration.ofMillis(100)))
                .withReplyRetry(new RetryPolicy(3, Duration.ofMillis(50))));
    }

    @AfterEach
    void tearDown() {
        client.close();
        operator.close();
        ourServer.close();
    }

    private ReceivedFile deliver(Path file, String name, long expectedFrames) throws Exception {
        TransferResult r = client.sendFile(operator.address(), file, name, GenericFlag.FILE_WATCH_DIR, ours);
        assertTrue(r.success(), r.toString());
        assertTrue(r.closedOrderly());
        assertTrue(r.writeAttempted());
        assertNull(r.failure());
        assertEquals(0, r.errorCode());
        assertEquals(expectedFrames, r.framesSent());
        assertEquals(Files.size(file), r.payloadBytes());
        ReceivedFile f = operator.awaitFile(name, WAIT).orElseThrow(() -> new AssertionError("not received: " + operator.protocolErrors() + " " + operator.refusedFiles()));
        assertEquals(expectedFrames, f.frames());
        assertEquals(Files.size(file), f.bytes());
        assertEquals(ConformanceVectors.sha256(Files.readAllBytes(file)), f.sha256());
        assertEquals(ours.internal(), f.source());
        assertFalse(Files.exists(watch.resolve(name + ".transfer")));
        return f;
    }

    @Test
    void singleFrameFile() throws Exception {
        Path file = tmp.resolve("a.json");
        Files.writeString(file, "{\"v\": 1}");
        ReceivedFile f = deliver(file, "mydb.sensor.0.abc.0.json", 1);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(watch.resolve("mydb.sensor.0.abc.0.json")));
    }

    @Test
    void multiFrameFile() throws Exception {
        Path file = FW.resolve("test.conformance.0.b72a2952cac6aca147f90a3542d80ef8.0.json");
        deliver(file, file.getFileName().toString(), 4);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(watch.resolve(file.getFileName())));
    }

    @Test
    void emptyFileIsOneEmptyFrame() throws Exception {
        Path file = tmp.resolve("empty.json");
        Files.write(file, new byte[0]);
        deliver(file, "test.empty.0.d41d8cd98f00b204e9800998ecf8427e.0.json", 1);
        assertEquals(0, Files.size(watch.resolve("test.empty.0.d41d8cd98f00b204e9800998ecf8427e.0.json")));
    }

    @Test
    void exactMultipleEndsWithAnEmptyFrame() throws Exception {
        Path file = FW.resolve("test.conformance_exact.0.f197dd6930d9d31ec7a2d30c3ff583bd.0.json");
        deliver(file, file.getFileName().toString(), 4);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(watch.resolve(file.getFileName())));
    }

    @Test
    void gzipFileIsStoredDecompressed() throws Exception {
        Path file = FW.resolve("test.conformance_gz.0.7e3fcf72587182b0646471c38d8a3d5d.0.json.gz");
        String name = file.getFileName().toString();
        ReceivedFile f = deliver(file, name, 3);
        String plain = "test.conformance_gz.0.7e3fcf72587182b0646471c38d8a3d5d.0.json";
        assertEquals(plain, f.storedName());
        byte[] expected = Files.readAllBytes(FW.resolve(plain + ".uncompressed"));
        assertArrayEquals(expected, Files.readAllBytes(watch.resolve(plain)));
        assertEquals(ConformanceVectors.sha256(expected), f.storedSha256());
        assertFalse(Files.exists(watch.resolve(name)));
    }

    @Test
    void largeFileStreams() throws Exception {
        Path file = tmp.resolve("big.json");
        byte[] content = new byte[3_000_000];
        new Random(1).nextBytes(content);
        Files.write(file, content);
        String name = "mydb.big.0.0123456789abcdef0123456789abcdef.0.json";
        long capacity = FileWriteCommand.capacity(FileWriteCommand.forName(name).length());
        deliver(file, name, content.length / capacity + 1);
    }

    @Test
    void refusedConnectionIs208AndNotPinned() throws Exception {
        int port = freePort();
        Path file = tmp.resolve("a.json");
        Files.writeString(file, "x");
        TransferResult r = client.sendFile(new PeerAddress("127.0.0.1", port), file, "a.json", 1, ours);
        assertFalse(r.success());
        assertEquals(TransferFailure.CONNECTION_REFUSED, r.failure());
        assertEquals(208, r.errorCode());
        assertFalse(r.writeAttempted());
        assertFalse(r.pinned());
        assertEquals(0, r.framesSent());
        assertEquals(1, r.attempts());
    }

    @Test
    void peerThatDropsMidTransferFailsPinned() throws Exception {
        Path file = tmp.resolve("big.json");
        Files.write(file, new byte[500_000]);
        operator.dropConnections(1, 3);
        TransferResult r = client.sendFile(operator.address(), file, "big.json", 1, ours);
        assertFalse(r.success(), r.toString());
        assertTrue(r.pinned());
        assertTrue(r.failure() == TransferFailure.SEND_ERROR || r.failure() == TransferFailure.CLOSE_ERROR,
                r.toString());
        assertEquals(15, r.errorCode());
        assertTrue(operator.files().isEmpty());
        assertFalse(Files.exists(watch.resolve("big.json")));
        assertFalse(Files.exists(watch.resolve("big.json.transfer")));
    }

    @Test
    void peerThatDropsBeforeReadingAnythingFailsPinned() throws Exception {
        Path file = tmp.resolve("small.json");
        Files.writeString(file, "{}");
        operator.dropConnections(1, 0);
        TransferResult r = client.sendFile(operator.address(), file, "small.json", 1, ours);
        assertFalse(r.success(), r.toString());
        // The reset may arrive before the first write (the connect itself then reports it, not pinned: nothing can
        // have reached the peer) or after it (pinned). Either way the pin follows whether a write was attempted.
        assertEquals(r.failure().afterConnect(), r.pinned(), r.toString());
        assertTrue(r.errorCode() == 15 || r.errorCode() == 81, r.toString());
        // the next delivery works again
        deliver(file, "small.json", 1);
    }

    @Test
    void rejectedFileIsAnsweredWithAnEchoToOurServer() throws Exception {
        Path file = tmp.resolve("dup.json");
        Files.writeString(file, "{}");
        String name = "mydb.t.0.aaaabbbbccccddddeeeeffff00001111.0.json";
        operator.rejectFiles(n -> n.equals(name), 86, "Duplicate JSON File");
        TransferResult r = client.sendFile(operator.address(), file, name, 1, ours);
        assertTrue(r.success(), "the transfer itself completes: " + r);
        InboundMessage echo = ourServer.awaitMessage(m -> m.kind() == InboundMessage.Kind.ECHO, WAIT).orElseThrow();
        assertEquals("echo 'File write' operation failed: <Duplicate JSON File: " + name + ">", echo.command());
        assertEquals(86, echo.errorCode());
        assertTrue(echo.text().contains(name));
        assertEquals(operator.address(), new PeerAddress(echo.sourceIp(), (int) echo.sourcePort()));
        assertTrue(operator.files().isEmpty());
        assertFalse(Files.exists(watch.resolve(name)));
    }

    @Test
    void commandReachesThePeerWithJobFieldsAndOurSource() throws Exception {
        OutboundMessage m = CommandRequest.of("get status").job(3, 777).receivers(2, 1).build();
        TransferResult r = client.sendMessage(operator.address(), m, ours);
        assertTrue(r.success(), r.toString());
        InboundMessage got = operator.awaitMessage(x -> true, WAIT).orElseThrow();
        assertEquals(InboundMessage.Kind.COMMAND, got.kind());
        assertEquals("get status", got.command());
        assertEquals(3, got.jobLocation());
        assertEquals(777, got.jobId());
        assertEquals(2, got.receivers());
        assertEquals(1, got.receiverId());
        assertEquals(InfoType.COMMAND_REQUEST, got.infoType());
        assertEquals(ours.internal(), got.replyAddress());
    }

    @Test
    void multiFrameReplyArrivesWhole() throws Exception {
        String text = "line\r\n".repeat(1000);
        TransferResult r = client.sendMessage(operator.address(),
                PrintReply.text(new RequestRef(3, 777, 1, 0, 1, 0, 0), text), ours);
        assertTrue(r.success(), r.toString());
        assertEquals(4, r.framesSent());
        InboundMessage got = operator.awaitMessage(x -> true, WAIT).orElseThrow();
        assertEquals(InboundMessage.Kind.PRINT, got.kind());
        assertEquals(text, got.text());
        assertEquals(777, got.jobId());
    }

    @Test
    void largeCommandTravelsAsFlag3FileWrite() throws Exception {
        String cmd = "blockchain push {\"publisher\": {\"x\": \"" + "p".repeat(4000) + "\"}}";
        TransferResult r = client.sendMessage(operator.address(), CommandRequest.of(cmd).build(), ours);
        assertTrue(r.success(), r.toString());
        assertEquals(cmd.length(), r.payloadBytes());
        // The sink stores only flag-1 files, so it refuses the large message and says so; it records the refusal
        // before it closes the connection.
        assertTrue(r.closedOrderly(), r.toString());
        assertEquals(1, operator.refusedFiles().size());
        FileWriteResult fw = operator.refusedFiles().get(0);
        assertEquals(GenericFlag.FILE_LARGE_MESSAGE, fw.genericFlag());
        assertTrue(fw.name().matches("cmd\\.127\\.0\\.0\\.1\\.\\d+\\.lmsg"), fw.name());
        assertEquals(cmd.length(), fw.bytes());
    }

    @Test
    void commandsRetryOnlyConnectionFailures() throws Exception {
        PeerAddress down = new PeerAddress("127.0.0.1", freePort());
        long start = System.nanoTime();
        TransferResult r = client.sendMessage(down, CommandRequest.of("get status").build(), ours);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(r.success());
        assertEquals(3, r.attempts());
        assertEquals(208, r.errorCode());
        assertTrue(elapsedMs >= 200, "two pauses of 100 ms: " + elapsedMs);
        CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class, r::orThrow);
        assertEquals(208, e.code());

        TransferResult reply = client.sendMessage(down, PrintReply.text(RequestRef.NONE, "x"), ours);
        assertEquals(3, reply.attempts());
        assertEquals(208, reply.errorCode());

        TransferResult file = client.sendMessage(down, FileWriteMessage.of("a.json", 1, new byte[3]), ours);
        assertEquals(1, file.attempts());
    }

    @Test
    void commandSurvivesAShortOutage() throws Exception {
        operator.stop();
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(150);
                operator.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        restart.start();
        TransferResult r = client.sendMessage(operator.address(), CommandRequest.of("get version").build(), ours);
        restart.join();
        assertTrue(r.success(), r.toString());
        assertTrue(r.attempts() >= 2, r.toString());
        assertEquals("get version", operator.awaitMessage(x -> true, WAIT).orElseThrow().command());
    }

    @Test
    void withoutOurServerNothingIsSent() {
        TransferResult r = client.sendMessage(operator.address(), CommandRequest.of("get status").build(), null);
        assertEquals(TransferFailure.NO_SOURCE_ADDRESS, r.failure());
        assertEquals(21, r.errorCode());
        assertEquals(0, operator.connections());
    }

    @Test
    void missingFileIs12AndNotPinned() {
        TransferResult r = client.sendFile(operator.address(), tmp.resolve("nope.json"), "nope.json", 1, ours);
        assertEquals(TransferFailure.LOCAL_FILE_ERROR, r.failure());
        assertEquals(12, r.errorCode());
        assertFalse(r.pinned());
        assertEquals(0, operator.connections());
    }

    @Test
    void sourceAndConnectAddressRulesAreApplied() throws Exception {
        // Our "external" IP is the one the destination policy names: §9.4 connects through our internal IP, and
        // since that destination is public, §9.3 writes our external pair as the source.
        PeerAddress external = new PeerAddress("198.51.100.7", 40000);
        SourceAddress both = new SourceAddress(new PeerAddress("127.0.0.1", ourServer.port()), external);
        TransferResult r = client.sendMessage(new PeerAddress("198.51.100.7", operator.port()),
                CommandRequest.of("get hostname").build(), both);
        assertTrue(r.success(), r.toString());
        InboundMessage got = operator.awaitMessage(x -> true, WAIT).orElseThrow();
        assertEquals(external, got.replyAddress());
    }

    @Test
    void stalledReaderHitsTheWriteTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.setReceiveBufferSize(4096);
            silent.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> {
                try {
                    silent.accept(); // never read
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            Path file = tmp.resolve("huge.json");
            Files.write(file, new byte[20_000_000]);
            try (PeerClient quick = new PeerClient(PeerClientConfig.defaults()
                    .withWriteTimeout(Duration.ofMillis(300)))) {
                TransferResult r = quick.sendFile(new PeerAddress("127.0.0.1", silent.getLocalPort()), file,
                        "huge.json", 1, ours);
                assertEquals(TransferFailure.WRITE_TIMEOUT, r.failure(), r.toString());
                assertEquals(26, r.errorCode());
                assertTrue(r.pinned());
                assertTrue(r.framesSent() > 0);
            }
        }
    }

    @Test
    void peerThatNeverClosesIsNotAccepted() throws Exception {
        try (ServerSocket lingering = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread reader = new Thread(() -> {
                try (var s = lingering.accept()) {
                    s.getInputStream().readAllBytes(); // reads to our EOF, then keeps the connection open
                    Thread.sleep(2000);
                } catch (Exception ignored) {
                    // test over
                }
            });
            reader.start();
            Path file = tmp.resolve("a.json");
            Files.writeString(file, "{}");
            try (PeerClient quick = new PeerClient(PeerClientConfig.defaults()
                    .withCloseWait(Duration.ofMillis(300)))) {
                TransferResult r = quick.sendFile(new PeerAddress("127.0.0.1", lingering.getLocalPort()), file,
                        "a.json", 1, ours);
                assertEquals(TransferFailure.NO_ORDERLY_CLOSE, r.failure(), r.toString());
                assertEquals(26, r.errorCode());
                assertEquals(1, r.framesSent());
                assertTrue(r.pinned());
                // A command to such a peer still counts as sent: no acknowledgement exists for commands.
                Thread second = new Thread(() -> {
                    try (var s = lingering.accept()) {
                        s.getInputStream().readAllBytes();
                        Thread.sleep(1000);
                    } catch (Exception ignored) {
                        // test over
                    }
                });
                second.start();
                TransferResult c = quick.sendMessage(new PeerAddress("127.0.0.1", lingering.getLocalPort()),
                        CommandRequest.of("get status").build(), ours);
                assertTrue(c.success(), c.toString());
                assertFalse(c.closedOrderly());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
