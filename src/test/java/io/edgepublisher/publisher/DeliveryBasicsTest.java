package io.edgepublisher.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.wire.testing.OperatorSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryBasicsTest {
    @TempDir
    Path tmp;

    @Test
    void deliversAFileByDistributionAndMovesItToBkup() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().watchDir(tmp.resolve("op")).build().start();
             Harness h = new Harness(tmp.resolve("node"), Dialect.SQLITE, c -> c, QueueEvents.NONE)) {
            java.nio.file.Files.createDirectories(tmp.resolve("op"));
            h.distribution.set("mydb", "sensor", List.of(sink.address().toString()));
            h.start();
            String content = "{\"v\": 1}";
            String hash = DataHash.md5("mydb", "sensor", content.getBytes(StandardCharsets.UTF_8));
            h.drop("mydb.sensor.json", content);
            String name = "mydb.sensor.0." + hash + ".0.json";
            assertTrue(sink.awaitFile(name, Duration.ofSeconds(10)).isPresent());
            assertTrue(Harness.await(() -> java.nio.file.Files.exists(h.bkup.resolve(name)), Duration.ofSeconds(10)));
            TsdRow r = h.row(hash);
            assertEquals(sink.address().toString(), r.status1());
            assertEquals("delivered", r.status2());
            assertEquals(1, r.rows());
            assertEquals(Map.of(), Harness.listing(h.watch));
        }
    }
}
