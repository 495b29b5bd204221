package io.edgepublisher.wire.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.testing.RawListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our node answers the captured EdgeLake requests of conformance/frames/requests the way the EdgeLake operator did
 * (conformance/frames/replies): every byte of {@code [0, 207 + data length)} is equal, except the source address
 * (ours) and the payload text where it names our node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundConformanceTest {
    /** A TEST-NET-3 address that is never contacted: it only makes our external address differ from the internal. */
    static final String EXTERNAL = "203.0.113.10";

    @TempDir
    static Path home;
    private TestNode node;
    private RawListener peer;

    @BeforeAll
    void boot() throws Exception {
        node = TestNode.start(home, Map.of(), ""
            + "run tcp server where external_ip = " + EXTERNAL + " and external_port = !anylog_server_port and"
            + " internal_ip = 127.0.0.1 and internal_port = !anylog_server_port and threads = 3\n"
            // a long REST row makes the get processes table longer than one frame, like EdgeLake's
            + "run rest server where external_ip = 203.0.113.100 and external_port = !anylog_rest_port and internal_ip ="
            + " 127.0.0.1 and internal_port = !anylog_rest_port and bind = true and threads = 3 and timeout = 7\n");
        peer = RawListener.start();
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
    void getStatus() throws Exception {
        byte[] reply = ask("get_status");
        String text = "AnyLog@" + EXTERNAL + ":" + node.tcpPort() + " running";
        assertReply("get_status", reply, text);
    }

    @Test
    void getStatusEchoesReceiversAndReceiverId() throws Exception {
        byte[] reply = ask("get_status_receiver2");
        assertReply("get_status_receiver2", reply, "AnyLog@" + EXTERNAL + ":" + node.tcpPort() + " running");
    }

    @Test
    void unknownCommandIsByteExact() throws Exception {
        byte[] reply = ask("unknown_command");
        byte[] expected = Captures.load("replies/unknown_command.reply");
        assertEquals(FrameLayout.FRAME_SIZE, reply.length);
        assertArrayEquals(Captures.used(Captures.withSource(expected, "127.0.0.1", node.tcpPort())),
            Captures.used(reply));
        assertEquals("echo Command 'frobnicate the widgets' not recoginzed",
            new String(reply, FrameLayout.HEADER_SIZE, 52, StandardCharsets.UTF_8));
    }

    @Test
    void getProcessesSpansFramesLikeEdgeLake() throws Exception {
        byte[] reply = ask("get_processes");
        String text = node.ok("get processes");
        assertEquals(2, Captures.frames(reply), "a table of " + text.length() + " bytes needs two frames");
        assertReply("get_processes", reply, text);
    }

    @Test
    void getProcessesJsonIsFlaggedJson() throws Exception {
        byte[] reply = ask("get_processes_json");
        assertReply("get_processes_json", reply, node.ok("get processes where format = json"));
        assertEquals(2, reply[206], "generic flag 2: JSON");
    }

    /** Sends a captured request, its source rewritten to our listener, and returns the reply's bytes. */
    byte[] ask(String key) throws Exception {
        byte[] request = Captures.withSource(Captures.load("requests/" + key + ".request"), "127.0.0.1", peer.port());
        send(node.tcpPort(), request);
        byte[] reply = peer.await(Duration.ofSeconds(20));
        assertNotNull(reply, "no reply to " + key);
        return reply;
    }

    /** Our reply equals the captured one in every meaningful byte, with our source and {@code text} as payload. */
    private void assertReply(String key, byte[] reply, String text) {
        byte[] captured = Captures.load("replies/" + key + ".reply");
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int capacity = FrameLayout.BODY_SIZE - "print".length();
        int frames = Math.max(1, (payload.length + capacity - 1) / capacity);
        assertEquals(frames, Captures.frames(reply), "frames of " + key);
        assertEquals(Captures.frames(captured), frames, "the capture of " + key + " has as many frames");
        for (int k = 0; k < frames; k++) {
            byte[] part = Arrays.copyOfRange(payload, k * capacity, Math.min(payload.length, (k + 1) * capacity));
            byte[] expected = Captures.expectedFrame(Captures.frame(captured, k), "127.0.0.1", node.tcpPort(), part);
            assertArrayEquals(Captures.used(expected), Captures.used(Captures.frame(reply, k)), key + " frame " + k);
        }
    }

    /** One message on one connection: write, shut down output, wait for the node to close. */
    static void send(int port, byte[] frames) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(frames);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // the node writes nothing back on this connection; wait for its close
            }
        }
    }
}
