package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.PeerAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback listener that stores the bytes of every connection unchanged, like the capture listener that recorded
 * EdgeLake's replies: it reads until the peer closes and never writes back. For byte-level assertions on what a node
 * sends.
 */
public final class RawListener implements AutoCloseable {
    private final ServerSocket server;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final AtomicLong connections = new AtomicLong();
    private final Thread acceptor;

    private RawListener(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "raw-listener-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawListener start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0), 512);
        return new RawListener(s);
    }

    public int port() {
        return server.getLocalPort();
    }

    public PeerAddress address() {
        return new PeerAddress("127.0.0.1", port());
    }

    /** The bytes of the next connection that closed, or null when none within {@code timeout}. */
    public byte[] await(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Forgets what was received so far. */
    public void clear() {
        received.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> readAll(c), "raw-listener-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readAll(Socket c) {
        try (c; InputStream in = c.getInputStream()) {
            c.setSoTimeout(60_000);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            received.add(all.toByteArray());
        } catch (IOException e) {
            // a broken connection is recorded as nothing: tests look for complete messages only
        }
    }
}
