package io.edgepublisher.wire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test double's own contract, which other engineers' end-to-end tests rely on. */
class OperatorSinkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final SourceAddress OURS = SourceAddress.internalOnly(new PeerAddress("127.0.0.1", 32248));

    @TempDir
    Path watch;

    @Test
    void recordsCommandsAndRefusesNonWatchDirFiles() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start(); PeerClient client = new PeerClient()) {
            assertTrue(client.sendMessage(sink.address(), CommandRequest.of("get status").job(1, 2).build(), OURS)
                    .success());
            InboundMessage m = sink.awaitMessage(x -> x.command().equals("get status"), WAIT).orElseThrow();
            assertEquals(2, m.jobId());
            assertTrue(client.sendMessage(sink.address(), FileWriteMessage.of("/etc/x", 0, new byte[3]), OURS)
                    .success());
            // A file write succeeds once the sink closed the connection, which it does after recording the refusal.
            assertEquals(1, sink.refusedFiles().size());
            assertEquals(294, sink.refusedFiles().get(0).errorCode());
            assertTrue(sink.files().isEmpty());
        }
    }

    @Test
    void recordsProtocolErrorsAndKeepsNoPartialFiles() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().watchDir(watch).build().start()) {
            byte[] first = FrameEncoder.encode(FileWriteMessage.of("a.json", 1, new byte[4000])
                    .frames(OURS.internal()).get(0));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", sink.port()));
                s.getOutputStream().write(first);
                s.getOutputStream().write(new byte[10]);
                s.shutdownOutput();
                assertEquals(-1, s.getInputStream().read());
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sink.protocolErrors().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, sink.protocolErrors().size(), sink.protocolErrors().toString());
            assertTrue(sink.protocolErrors().get(0).contains("truncated frame: 10 of 2048 bytes"));
            assertFalse(Files.exists(watch.resolve("a.json.transfer")));
            assertFalse(Files.exists(watch.resolve("a.json")));
        }
    }

    @Test
    void stopsAndRestartsOnTheSamePort() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start(); PeerClient client = new PeerClient()) {
            PeerAddress address = sink.address();
            sink.stop();
            assertFalse(sink.isRunning());
            TransferResult down = client.sendMessage(address, FileWriteMessage.of("a.json", 1, new byte[1]), OURS);
            assertEquals(TransferFailure.CONNECTION_REFUSED, down.failure());
            sink.start();
            assertEquals(address, sink.address());
            assertTrue(client.sendMessage(address, FileWriteMessage.of("a.json", 1, new byte[1]), OURS).success());
            assertTrue(sink.awaitFile("a.json", WAIT).isPresent());
        }
    }

    @Test
    void dropsOnlyAsManyConnectionsAsAsked() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start(); PeerClient client = new PeerClient()) {
            sink.dropConnections(2, 0);
            for (int i = 0; i < 2; i++) {
                assertFalse(client.sendMessage(sink.address(), FileWriteMessage.of("d.json", 1, new byte[1]), OURS)
                        .success());
            }
            assertTrue(client.sendMessage(sink.address(), FileWriteMessage.of("d.json", 1, new byte[1]), OURS)
                    .success());
            assertEquals(3, sink.connections());
        }
    }

    @Test
    void manyConcurrentSendersAllArrive() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().watchDir(watch).build().start();
             PeerClient client = new PeerClient()) {
            Path file = Files.write(watch.resolveSibling(watch.getFileName() + "-payload"), new byte[5000]);
            try {
                java.util.List<Thread> threads = new java.util.ArrayList<>();
                java.util.List<TransferResult> results = java.util.Collections.synchronizedList(
                        new java.util.ArrayList<>());
                for (int t = 0; t < 8; t++) {
                    int id = t;
                    threads.add(new Thread(() -> {
                        for (int i = 0; i < 50; i++) {
                            results.add(client.sendFile(sink.address(), file, "f" + id + "_" + i + ".json", 1, OURS));
                        }
                    }));
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
                assertEquals(400, results.size());
                assertTrue(results.stream().allMatch(TransferResult::success));
                assertTrue(sink.awaitFiles(400, WAIT));
                assertTrue(sink.files().stream().allMatch(f -> f.frames() == 3 && f.bytes() == 5000));
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
