package io.edgepublisher.wire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.PeerAddress;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The sink must keep up with the publisher: more than 5,000 one-file connections per second on loopback. */
class OperatorSinkThroughputTest {
    private static final int CONNECTIONS = 10_000;
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 8;

    @Test
    void sustainsMoreThan5000OneFileConnectionsPerSecond() throws Exception {
        byte[] frame = FrameEncoder.encode(FileWriteMessage.of("mydb.t.0.0123456789abcdef0123456789abcdef.0.json", 1,
                "{\"v\": 1}".getBytes()).frames(new PeerAddress("127.0.0.1", 1)).get(0));
        try (OperatorSink sink = OperatorSink.builder().threads(8).build().start()) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", sink.port());
            run(to, frame, 2_000); // warm-up
            // The build machine is shared, so one busy moment must not fail the test: the best of a few rounds
            // counts, and every round must still deliver every file.
            double best = 0;
            for (int round = 0; round < ROUNDS && best <= 5_000; round++) {
                sink.reset();
                long start = System.nanoTime();
                run(to, frame, CONNECTIONS);
                assertTrue(sink.awaitFiles(CONNECTIONS, Duration.ofSeconds(30)));
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, CONNECTIONS / seconds);
                System.out.printf("OperatorSink: %d one-file connections in %.2f s = %.0f/s%n", CONNECTIONS,
                        seconds, CONNECTIONS / seconds);
                assertEquals(CONNECTIONS, sink.files().size());
                assertEquals(CONNECTIONS, sink.connections());
                assertTrue(sink.protocolErrors().isEmpty(), sink.protocolErrors().toString());
            }
            assertTrue(best > 5_000, "best rate " + best + "/s");
        }
    }

    /** Each connection: connect, write the frame, shut down output, wait for the sink's close (like PeerClient). */
    private static void run(InetSocketAddress to, byte[] frame, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int share = count / CLIENTS + (c < count % CLIENTS ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        try (Socket s = new Socket()) {
                            s.setTcpNoDelay(true);
                            s.connect(to, 6000);
                            OutputStream out = s.getOutputStream();
                            out.write(frame);
                            s.shutdownOutput();
                            InputStream in = s.getInputStream();
                            if (in.read() != -1) {
                                throw new IllegalStateException("sink wrote back");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
