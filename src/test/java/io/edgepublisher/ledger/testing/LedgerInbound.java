package io.edgepublisher.ledger.testing;

import io.edgepublisher.wire.FileWriteResult;
import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.WireProtocolException;
import io.edgepublisher.wire.testing.BlockingFrames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal inbound listener for tests until the real TCP server is merged: it decodes each connection's frames and
 * hands {@code file write} transfers to the given factory (the node's {@code LedgerFileReceiver}), which is what the
 * TCP server does for flag-2 files. It records how each transfer ended. Not the TCP server: no replies, no commands.
 */
public final class LedgerInbound implements AutoCloseable {
    private final ServerSocket server;
    private final FileWriteSinkFactory sinks;
    private final List<FileWriteResult> results = new ArrayList<>();

    public LedgerInbound(FileWriteSinkFactory sinks) throws IOException {
        this.sinks = sinks;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 16);
        Thread t = new Thread(this::acceptLoop, "ledger-inbound-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public PeerAddress address() {
        return new PeerAddress("127.0.0.1", server.getLocalPort());
    }

    /** How every file write ended, in order. */
    public synchronized List<FileWriteResult> results() {
        return List.copyOf(results);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] frame = new byte[FrameLayout.FRAME_SIZE];
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                c.setSoTimeout(10_000);
                MessageAssembler a = new MessageAssembler((InetSocketAddress) c.getRemoteSocketAddress(), sinks);
                try {
                    InboundMessage m = BlockingFrames.readMessage(c.getInputStream(), decoder, frame, a);
                    if (m != null && m.kind() == InboundMessage.Kind.FILE_WRITE) {
                        synchronized (this) {
                            results.add(m.fileWrite());
                        }
                    }
                } finally {
                    a.abort();
                }
            } catch (IOException | WireProtocolException e) {
                // closed, or a broken transfer (its sink was aborted)
            }
        }
    }
}
