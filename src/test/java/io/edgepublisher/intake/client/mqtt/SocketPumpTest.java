package io.edgepublisher.intake.client.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SocketPump} on a real loopback connection: the socket is drained while nobody reads, what was read arrives
 * complete and in order (across the ring's wrap-around and a full buffer), timeouts and close behave as a socket's.
 */
class SocketPumpTest {
    private ServerSocket server;
    private Socket client;
    private Socket peer;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket();
        client.setReceiveBufferSize(4096); // the kernel holds little: what is not pumped blocks the sender
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        peer = server.accept();
        peer.setSendBufferSize(4096);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        peer.close();
        server.close();
    }

    private SocketPump pump(int capacity) throws IOException {
        return SocketPump.start(client.getInputStream(), capacity, client::getSoTimeout, "test");
    }

    private CompletableFuture<Void> send(byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = peer.getOutputStream();
                out.write(data);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 251);
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            if (got % 3 == 0) {
                int c = in.read(); // byte and block reads interleaved, as paho does
                assertTrue(c >= 0, "end of stream after " + got + " bytes");
                b[got++] = (byte) c;
                continue;
            }
            int k = in.read(b, got, Math.min(n - got, 777));
            assertTrue(k > 0, "end of stream after " + got + " bytes");
            got += k;
        }
        return b;
    }

    @Test
    void drainsTheSocketWhileNobodyReads() throws Exception {
        byte[] data = pattern(2 << 20); // far more than the kernel buffers of both ends
        SocketPump in = pump(4 << 20);
        send(data).get(30, TimeUnit.SECONDS); // the sender finishes although nothing was read yet
        assertArrayEquals(data, readFully(in, data.length));
        assertEquals(0, in.fullEpisodes());
    }

    @Test
    void aFullBufferHoldsTheSenderBackAndLosesNothing() throws Exception {
        byte[] data = pattern(1 << 20);
        SocketPump in = pump(SocketPump.INITIAL + 64 * 1024 + 123); // grows once, wraps around many times
        CompletableFuture<Void> sent = send(data);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (in.fullEpisodes() == 0) {
            assertTrue(System.nanoTime() < deadline, "the buffer never filled");
            Thread.onSpinWait();
        }
        assertTrue(!sent.isDone(), "the sender is held back while the buffer is full");
        assertArrayEquals(data, readFully(in, data.length));
        sent.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aReadTimesOutLikeTheSocketAndTakesNothing() throws Exception {
        client.setSoTimeout(200);
        SocketPump in = pump(1024);
        assertThrows(SocketTimeoutException.class, in::read);
        byte[] data = pattern(5000);
        send(data).get(30, TimeUnit.SECONDS);
        assertArrayEquals(data, readFully(in, data.length));
    }

    @Test
    void endOfStreamComesAfterWhatWasBuffered() throws Exception {
        SocketPump in = pump(1 << 20);
        byte[] data = pattern(10_000);
        send(data).get(30, TimeUnit.SECONDS);
        peer.shutdownOutput();
        assertArrayEquals(data, readFully(in, data.length));
        assertEquals(-1, in.read());
    }

    @Test
    void closingTheSocketEndsAWaitingRead() throws Exception {
        SocketPump in = pump(1024);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        client.close();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> read.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof java.io.UncheckedIOException, e.toString());
    }
}
