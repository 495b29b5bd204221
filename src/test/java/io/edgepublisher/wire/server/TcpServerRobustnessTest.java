package io.edgepublisher.wire.server;

import io.edgepublisher.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.testing.RawListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws at least 100,000 random and mutated frames at a running node over loopback (many connections, truncated
 * frames, wrong block numbers, bad lengths, invalid UTF-8, oversized messages, half-open sockets), then checks that
 * the node still answers over TCP and REST, that none of its threads died, and that nothing appeared in its folders
 * (failed large messages are not kept either).
 *
 * <p>Every frame carries the source 127.0.0.1 and the port of a local sink that discards what it gets, so the node's
 * replies never leave this machine or reach another process's port. The seed is printed for reproduction.
 */
class TcpServerRobustnessTest {
    static final long FRAMES = 100_000;
    static final Duration HANG_GUARD = Duration.ofMinutes(6);
    static final int SENDERS = 6;
    static final int HALF_OPEN = 64;

    @TempDir
    static Path home;

    @Test
    void survivesAFrameStorm() throws Exception {
        long seed = System.nanoTime();
        System.out.println("TcpServerRobustnessTest seed " + seed);
        // other tests' nodes may still be stopping in this JVM: only threads started after this point are ours
        Set<Thread> older = Thread.getAllStackTraces().keySet();
        try (DiscardSink sink = new DiscardSink(); RawListener answers = RawListener.start();
             TestNode node = TestNode.start(home, Map.of("EP_TCP_IDLE_TIMEOUT", "2", "EP_TCP_MAX_MESSAGE", "256KB"),
                 "set node name fuzz\n"
                 + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port and bind = true"
                 + " and threads = 2\n"
                 + "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port and bind ="
                 + " true and threads = 2 and timeout = 10\n")) {
            String status = "fuzz@127.0.0.1:" + node.tcpPort() + " running";
            assertEquals(status, askOverTcp(node, answers), "answers before the storm");
            Path root = node.node().dirs().root();
            Map<String, Long> before = tree(root);
            Set<Thread> workers = serverThreads();
            workers.removeAll(older);
            assertTrue(workers.stream().anyMatch(w -> w.getName().contains("NettyServerTCPWorker")), workers.toString());
            List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            Storm storm = new Storm(seed, node.tcpPort(), sink.port());
            // tens of thousands of expected warnings ("dropped connection") are kept off the console; only signs of
            // a bug are kept: an exception, or a failure the code did not foresee
            List<String> bugs;
            try (WireLog log = new WireLog()) {
                storm.run();
                bugs = log.bugs();
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
            System.out.println("TcpServerRobustnessTest: " + storm.frames + " frames on " + storm.connections
                + " connections, " + sink.connections.get() + " replies received by the sink");
            assertTrue(storm.frames.get() >= FRAMES, "frames thrown: " + storm.frames);

            awaitEmpty(root.resolve("data/tmp"));
            answers.clear();
            assertEquals(status, askOverTcp(node, answers), "answers over TCP after the storm");
            RawHttp.Response rest = RawHttp.get(node.restPort(), Map.of("User-Agent", "AnyLog/1.23",
                "command", "get status"));
            assertEquals(200, rest.status());
            assertEquals(status, rest.text());

            assertEquals(List.of(), uncaught, "uncaught exceptions");
            assertEquals(List.of(), bugs, "unexpected failures in the log");
            for (Thread t : workers) {
                assertTrue(t.isAlive(), t.getName() + " died");
            }
            assertEquals(before, tree(root), "the node's folders: nothing a peer sent was kept");
        }
    }

    /** Sends get status as a peer whose replies go to {@code answers} and returns the reply's text. */
    private static String askOverTcp(TestNode node, RawListener answers) throws Exception {
        OutboundMessage m = CommandRequest.of("get status").job(1, 2).build();
        InboundConformanceTest.send(node.tcpPort(), FrameStorm.encode(m.frames(answers.address())));
        byte[] reply = answers.await(Duration.ofSeconds(60));
        assertNotNull(reply, "no reply");
        Frame f = new io.edgepublisher.wire.FrameDecoder().decode(reply, 0);
        byte[] payload = new byte[f.payloadLength()];
        f.payload().get(payload);
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The netty and query-pool threads of the node; none of them may end because of what peers sent. */
    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().contains("NettyServerTCP") || t.getName().startsWith("query-pool"))
            .collect(Collectors.toSet());
    }

    private static Map<String, Long> tree(Path root) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).forEach(p -> out.put(root.relativize(p).toString(), p.toFile().length()));
        }
        return out;
    }

    /** Large messages still running when the storm ends leave their file in tmp until they finish. */
    private static void awaitEmpty(Path dir) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        try (Stream<Path> s = Files.list(dir)) {
            throw new AssertionError("left in " + dir + ": " + s.toList());
        }
    }

    /** The senders: each picks a case, builds its bytes, and throws them at the node on a new connection. */
    static final class Storm {
        final long seed;
        final int nodePort;
        final PeerAddress source;
        final AtomicLong frames = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        final List<Socket> halfOpen = Collections.synchronizedList(new ArrayList<>());

        Storm(long seed, int nodePort, int sinkPort) {
            this.seed = seed;
            this.nodePort = nodePort;
            this.source = new PeerAddress("127.0.0.1", sinkPort);
        }

        void run() throws Exception {
            long deadline = System.nanoTime() + HANG_GUARD.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < SENDERS; i++) {
                    Random r = new Random(seed + i);
                    done.add(pool.submit(() -> {
                        while (frames.get() < FRAMES && System.nanoTime() < deadline) {
                            throwOne(r);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                synchronized (halfOpen) {
                    for (Socket s : halfOpen) {
                        s.close();
                    }
                }
            }
        }

        private void throwOne(Random r) throws IOException {
            byte[] bytes = FrameStorm.next(r, source);
            frames.addAndGet((bytes.length + 2047) / 2048);
            connections.incrementAndGet();
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", nodePort), 5000);
                s.setSoTimeout(3000);
                s.getOutputStream().write(bytes);
                if (r.nextInt(40) == 0 && halfOpen.size() < HALF_OPEN) {
                    // stays open without finishing its message: the idle timeout must drop it
                    halfOpen.add(s);
                    return;
                }
                if (r.nextBoolean()) {
                    s.shutdownOutput();
                    InputStream in = s.getInputStream();
                    while (in.read() >= 0) {
                        // the node closes once the message is handled or refused
                    }
                }
                s.close();
            } catch (IOException e) {
                // the node may close first (a protocol violation ends the connection at once)
                s.close();
            }
        }
    }

    /** Takes over the wire loggers: expected warnings are dropped, exceptions and unforeseen failures kept. */
    static final class WireLog implements AutoCloseable {
        static final String LOGGER = "io.edgepublisher.wire";
        final LogCapture capture = new LogCapture(LOGGER);

        List<String> bugs() {
            List<String> out = new ArrayList<>();
            for (LogCapture.Line l : capture.records()) {
                if (l.thrown() != null || l.message().contains("unexpected failure") || l.message().contains("Cannot ")) {
                    out.add(l.message() + (l.thrown() == null ? "" : " " + l.thrown()));
                }
            }
            return out;
        }

        @Override
        public void close() {
            capture.close();
        }
    }
}
