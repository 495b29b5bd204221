package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.SourceAddress;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A peer node for {@code run client} tests: it reads one message per connection, records it, and answers commands
 * the way an EdgeLake node does, with a reply on a new connection to the request's source address. The answer
 * function decides the reply (null: stay silent).
 */
public final class AnsweringPeer implements AutoCloseable {
    private final ServerSocket server;
    private final Function<InboundMessage, OutboundMessage> answer;
    private final List<InboundMessage> requests = new CopyOnWriteArrayList<>();
    private final PeerClient client = new PeerClient(PeerClientConfig.defaults().withCloseWait(Duration.ofSeconds(5)));

    private AnsweringPeer(ServerSocket server, Function<InboundMessage, OutboundMessage> answer) {
        this.server = server;
        this.answer = answer;
        Thread t = new Thread(this::acceptLoop, "answering-peer-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public static AnsweringPeer start(Function<InboundMessage, OutboundMessage> answer) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0), 64);
        return new AnsweringPeer(s, answer);
    }

    public PeerAddress address() {
        return new PeerAddress("127.0.0.1", server.getLocalPort());
    }

    /** Every message received, in arrival order. */
    public List<InboundMessage> requests() {
        return requests;
    }

    /** Waits until {@code n} messages arrived; false when they did not within the timeout. */
    public boolean await(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (requests.size() < n) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        client.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                Thread t = new Thread(() -> serve(c), "answering-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        InboundMessage m = null;
        try (c) {
            c.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(c.getInputStream());
            MessageAssembler assembler = new MessageAssembler((InetSocketAddress) c.getRemoteSocketAddress(), null);
            FrameDecoder decoder = new FrameDecoder();
            byte[] frame = new byte[FrameLayout.FRAME_SIZE];
            while (m == null) {
                in.readFully(frame);
                m = assembler.accept(decoder.decode(frame, 0));
            }
        } catch (Exception e) {
            return;
        }
        requests.add(m);
        OutboundMessage reply = answer.apply(m);
        if (reply != null) {
            client.sendMessage(m.replyAddress(), reply, SourceAddress.internalOnly(address()));
        }
    }
}
