package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.testing.RawListener;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar on its bundled boot script: a peer's get status over TCP, and REST forwarding to a peer. */
class TcpServerIT {
    @TempDir
    Path dir;

    @Test
    void jarAnswersPeersAndForwardsRestCommands() throws Exception {
        int tcp = Ports.free();
        int rest = Ports.free();
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
            "NODE_NAME", "jar-tcp");
        String status = "jar-tcp@127.0.0.1:" + tcp + " running";
        try (JarProcess p = JarProcess.start(dir, env, List.of("--no-cli", "--LEDGER_CONN="));
             RawListener peer = RawListener.start()) {
            assertEquals(status, JarStartIT.waitForRest(rest, p).text());

            Frame request = CommandRequest.of("get status").job(7, 70).build().frames(peer.address()).get(0);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", tcp), 5000);
                s.getOutputStream().write(FrameEncoder.encode(request));
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                assertEquals(-1, in.read(), "nothing comes back on the request's connection");
            }
            byte[] reply = peer.await(Duration.ofSeconds(30));
            assertNotNull(reply, p.log());
            Frame f = new FrameDecoder().decode(reply, 0);
            byte[] payload = new byte[f.payloadLength()];
            f.payload().get(payload);
            assertEquals("print", f.command());
            assertEquals(status, new String(payload, StandardCharsets.UTF_8));
            assertEquals(70, f.header().jobId());

            RawHttp.Response forwarded = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "get status",
                "destination", "127.0.0.1:" + tcp));
            assertEquals(200, forwarded.status());
            assertEquals("\r\n[From Node 127.0.0.1:" + tcp + "] " + status, forwarded.text());

            String processes = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "get processes")).text();
            assertTrue(processes.contains("\r\n    TCP            |Running     |Listening on: 127.0.0.1:" + tcp
                + ", Threads Pool: 6"), processes);
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "exit node"), null);
            assertEquals(0, p.waitFor(30), p.log());
        }
    }
}
