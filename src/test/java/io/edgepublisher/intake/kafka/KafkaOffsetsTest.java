package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journaled offsets: marks written at a flush or recovery survive a restart; other marks are left alone. */
class KafkaOffsetsTest {
    @TempDir
    Path dir;

    @Test
    void marksPersistAndReload() throws Exception {
        Path file = dir.resolve("kafka/offsets");
        KafkaOffsets o = new KafkaOffsets(file);
        assertEquals(-1, o.last("g", "t", 0));
        byte[] mqtt = new byte[1 + 3 + 10]; // an MQTT client's mark: name, packet id, digest
        mqtt[0] = 3;
        o.persist(List.of(KafkaOffsets.mark("g", "t", 0, 41), KafkaOffsets.mark("g", "t", 0, 40),
            KafkaOffsets.mark("g", "t", 3, 7), KafkaOffsets.mark("h", "t", 0, 1000), mqtt));
        assertEquals("g\tt\t0\t41\ng\tt\t3\t7\nh\tt\t0\t1000\n", Files.readString(file));
        o.journaled("g", "t", 3, 9); // durable in a segment not flushed yet: in memory only
        assertEquals(9, o.last("g", "t", 3));

        KafkaOffsets again = new KafkaOffsets(file);
        assertEquals(41, again.last("g", "t", 0));
        assertEquals(7, again.last("g", "t", 3));
        assertEquals(1000, again.last("h", "t", 0));
        assertEquals(-1, again.last("g", "other", 0));
        assertEquals(Map.of(0, 41L, 3, 7L), again.of("g", "t"));
        assertFalse(Files.exists(file.resolveSibling("offsets.tmp")));
    }

    @Test
    void aNameLongerThanAMarkHoldsIsNotMarked() {
        assertNull(KafkaOffsets.mark("g".repeat(200), "t".repeat(60), 0, 1));
    }
}
