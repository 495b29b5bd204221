package io.edgepublisher.publisher.testing;

import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.inbound.EchoListeners;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Stands in for our own TCP server in publisher tests until the {@code tcp} branch is merged: listens on a loopback
 * port (the {@link SourceAddress} the publisher writes into its frames), assembles each incoming message with the
 * production decoder and publishes {@code echo} replies to an {@link EchoListeners}, as the server's inbound dispatch
 * does for unclaimed echoes.
 */
public final class EchoReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final EchoListeners listeners;
    private final Thread thread;

    public EchoReceiver(EchoListeners listeners) throws IOException {
        this.listeners = listeners;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.thread = new Thread(this::loop, "echo-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    public SourceAddress sourceAddress() {
        return SourceAddress.internalOnly(new PeerAddress("127.0.0.1", server.getLocalPort()));
    }

    private void loop() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] frame = new byte[FrameLayout.FRAME_SIZE];
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                MessageAssembler a = new MessageAssembler((InetSocketAddress) s.getRemoteSocketAddress(),
                    FileWriteSinkFactory.rejectAll());
                InputStream in = s.getInputStream();
                while (true) {
                    int got = 0;
                    while (got < frame.length) {
                        int n = in.read(frame, got, frame.length - got);
                        if (n < 0) {
                            break;
                        }
                        got += n;
                    }
                    if (got < frame.length) {
                        break;
                    }
                    InboundMessage m = a.accept(decoder.decode(frame, 0));
                    if (m != null) {
                        if (m.kind() == InboundMessage.Kind.ECHO) {
                            listeners.publish(m);
                        }
                        break;
                    }
                }
            } catch (Exception e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
