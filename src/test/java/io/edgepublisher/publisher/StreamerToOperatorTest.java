package io.edgepublisher.publisher;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.FlushedFile;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.streamer.StreamingBuffers;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside one node: rows appended to the node's streaming buffers are flushed into the watch dir, the flush listener
 * tells the publisher at once, and the files reach the operator with their content intact. (The MQTT path is
 * covered end to end by {@code e2e.MqttToOperatorTest}.)
 */
class StreamerToOperatorTest {
    @TempDir
    Path home;

    @Test
    void flushedBuffersReachTheOperator() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().watchDir(Files.createDirectories(home.resolve("op"))).build()
            .start();
             TestNode n = TestNode.start(home, Map.of(), PublisherNodeTest.SCRIPT)) {
            PublisherNodeTest.tcpServer(n);
            var d = n.node().dictionary();
            StreamingBuffers buffers = Beans.get(n.node(), StreamerService.class).buffers();
            n.ok("connect dbms almgm where type = sqlite");
            n.ok("set data distribution where dbms = * and table = * and dest = " + sink.address());
            n.ok("run publisher where ack_wait = 1 second and delete_json = true");
            List<FlushedFile> flushed = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String table : List.of("temp", "hum")) {
                    buffers.appendAsync(BufferKey.of("plant", table), "{\"ts\": \"2026-11-28 10:00:0" + round
                        + "\", \"v\": " + round + "}", 1).get();
                }
                flushed.addAll(buffers.flushAll());
            }
            assertEquals(10, flushed.size());
            assertTrue(sink.awaitFiles(10, Duration.ofSeconds(20)));
            for (FlushedFile f : flushed) {
                ReceivedFile got = sink.awaitFile(f.name(), Duration.ofSeconds(1)).orElseThrow();
                assertEquals(1, got.storedBytes() > 0 ? 1 : 0);
                assertTrue(Files.readString(got.path()).startsWith("{\"ts\": \"2026-11-28 10:00:0"));
            }
            assertTrue(Harness.await(() -> Harness.listing(Path.of(d.get("watch_dir"))).isEmpty(),
                Duration.ofSeconds(10)), "delivered files were deleted (delete_json)");
        }
    }
}
