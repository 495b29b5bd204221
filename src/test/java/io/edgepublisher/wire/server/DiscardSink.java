package io.edgepublisher.wire.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Accepts the node's replies and discards them. */
final class DiscardSink implements AutoCloseable {
    final ServerSocket server;
    final AtomicLong connections = new AtomicLong();
    final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "discard-sink");
        t.setDaemon(true);
        return t;
    });
    final Set<Socket> open = ConcurrentHashMap.newKeySet();

    DiscardSink() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        Thread t = new Thread(this::accept, "discard-sink-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                connections.incrementAndGet();
                open.add(c);
                readers.execute(() -> {
                    try (c; InputStream in = c.getInputStream()) {
                        c.setSoTimeout(30_000);
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // nothing to keep
                    } finally {
                        open.remove(c);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        readers.shutdownNow();
    }
}
