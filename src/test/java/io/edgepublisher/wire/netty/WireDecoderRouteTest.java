package io.edgepublisher.wire.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.FileWriteResult;
import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.PrintReply;
import io.edgepublisher.wire.RequestRef;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferFileSink;
import io.edgepublisher.wire.TransferResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder inside a real camel-netty TCP consumer, fed over real sockets. */
class WireDecoderRouteTest {
    private static final SourceAddress OURS = SourceAddress.internalOnly(new PeerAddress("127.0.0.1", 32248));

    @TempDir
    Path ledgerDir;

    private final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();
    private CamelContext camel;
    private PeerAddress server;
    private PeerClient client;

    @BeforeEach
    void startRoute() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new PeerAddress("127.0.0.1", port);
        // Ledger files may only land in ledgerDir, under their bare name: a stand-in for the node's §8.3 rules.
        FileWriteSinkFactory sinks = start -> {
            if (start.genericFlag() != GenericFlag.FILE_LEDGER) {
                throw new io.edgepublisher.wire.FileWriteRejectedException(294, "flag " + start.genericFlag());
            }
            return new TransferFileSink(ledgerDir.resolve(Path.of(start.name()).getFileName()), true);
        };
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("wireDecoders", new WireDecoderFactory(sinks));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty:tcp://127.0.0.1:" + port + "?decoders=#wireDecoders&allowDefaultCodec=false&sync=false")
                        .routeId("peer-tcp")
                        .process(e -> received.add(e.getIn().getBody(InboundMessage.class)));
            }
        });
        camel.start();
        client = new PeerClient(PeerClientConfig.defaults().withCloseWait(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stopRoute() throws Exception {
        client.close();
        camel.close();
    }

    private InboundMessage next() throws InterruptedException {
        InboundMessage m = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "no message reached the route");
        return m;
    }

    @Test
    void multiFramePrintReply() throws Exception {
        String text = "Process         Status\r\n".repeat(200);
        TransferResult r = client.sendMessage(server, PrintReply.text(new RequestRef(12, 70002, 1, 0, 1, 0, 0), text),
                OURS);
        assertTrue(r.success(), r.toString());
        assertEquals(3, r.framesSent());
        InboundMessage m = next();
        assertEquals(InboundMessage.Kind.PRINT, m.kind());
        assertEquals(text, m.text());
        assertEquals(12, m.jobLocation());
        assertEquals(70002, m.jobId());
        assertEquals(GenericFlag.PRINT_TEXT, m.genericFlag());
        assertEquals(OURS.internal(), m.replyAddress());
        assertEquals("127.0.0.1", m.socketPeer().getAddress().getHostAddress());
    }

    @Test
    void command() throws Exception {
        TransferResult r = client.sendMessage(server, CommandRequest.of("get status").job(3, 777).build(), OURS);
        assertTrue(r.success(), r.toString());
        assertTrue(r.closedOrderly(), "the decoder closes the connection after the message");
        InboundMessage m = next();
        assertEquals(InboundMessage.Kind.COMMAND, m.kind());
        assertEquals("get status", m.command());
        assertEquals(3, m.jobLocation());
        assertEquals(777, m.jobId());
        assertEquals(6, m.infoType());
        assertEquals(1, m.partitionsUsed());
    }

    @Test
    void ledgerFileWriteGoesToTheSink() throws Exception {
        byte[] ledger = new byte[10_000];
        new Random(5).nextBytes(ledger);
        Path src = Files.write(ledgerDir.resolveSibling(ledgerDir.getFileName() + "-src.json"), ledger);
        try {
            String name = "/var/lib/javapub/blockchain/blockchain.master_id_7.new";
            TransferResult r = client.sendFile(server, src, name, GenericFlag.FILE_LEDGER, OURS);
            assertTrue(r.success(), r.toString());
            assertTrue(r.closedOrderly());
            InboundMessage m = next();
            assertEquals(InboundMessage.Kind.FILE_WRITE, m.kind());
            FileWriteResult fw = m.fileWrite();
            assertEquals(FileWriteResult.Status.WRITTEN, fw.status());
            assertEquals(name, fw.name());
            assertEquals(GenericFlag.FILE_LEDGER, fw.genericFlag());
            assertEquals(10_000, fw.bytes());
            Path written = ledgerDir.resolve("blockchain.master_id_7.new");
            assertEquals(written, ((TransferFileSink) fw.sink()).target());
            assertArrayEquals(ledger, Files.readAllBytes(written));
            assertFalse(Files.exists(ledgerDir.resolve("blockchain.master_id_7.new.transfer")));
        } finally {
            Files.deleteIfExists(src);
        }
    }

    @Test
    void refusedFileStillArrivesAsAMessageSoTheNodeCanEcho() throws Exception {
        Path src = Files.writeString(ledgerDir.resolveSibling(ledgerDir.getFileName() + "-a.json"), "{}");
        try {
            TransferResult r = client.sendFile(server, src, "a.json", GenericFlag.FILE_WATCH_DIR, OURS);
            assertTrue(r.success(), r.toString());
            InboundMessage m = next();
            assertEquals(FileWriteResult.Status.REJECTED, m.fileWrite().status());
            assertEquals(294, m.fileWrite().errorCode());
            try (var files = Files.list(ledgerDir)) {
                assertEquals(0, files.count());
            }
        } finally {
            Files.deleteIfExists(src);
        }
    }

    @Test
    void protocolViolationClosesTheConnectionAndTheRouteKeepsWorking() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.ip(), server.port()), 2000);
            s.setSoTimeout(5000);
            byte[] bad = new byte[2048];
            bad[40] = 1; // command length 1, data length 0: data shorter than the command
            OutputStream out = s.getOutputStream();
            out.write(bad);
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "server closes without replying");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.ip(), server.port()), 2000);
            s.getOutputStream().write(new byte[1000]);
            s.shutdownOutput(); // truncated frame at end of stream
            assertEquals(-1, s.getInputStream().read());
        }
        // Both were dropped before the server closed them. A later message gets through, and it is the first and
        // only one the route received: the broken connections produced nothing.
        TransferResult r = client.sendMessage(server, CommandRequest.of("get version").build(), OURS);
        assertTrue(r.success(), r.toString());
        assertEquals("get version", next().command());
        assertEquals(List.of(), List.copyOf(received));
    }
}
