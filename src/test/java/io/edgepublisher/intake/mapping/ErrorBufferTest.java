package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.streamer.BufferKey;
import org.junit.jupiter.api.Test;

/** INTAKE.md §3.8. */
class ErrorBufferTest {
    @Test
    void keyIsErrBrokerAndTopicNormalised() {
        BufferKey k = ErrorBuffer.key("10.0.0.9", "vec/basic");
        assertEquals("err_10_0_0_9.vec_basic.0.0.json", k.toString());
        assertTrue(k.isError());
        assertEquals("err_local.sensors_0x2b_temp", ErrorBuffer.key("local", "sensors/+/temp").dbmsTable());
    }

    /** Issue 12 defect 2: a long topic must not give an error buffer whose file could never be written. */
    @Test
    void longTopicsAreShortenedToAFileNameThatFits() {
        String topic = "plant/" + "x".repeat(400);
        BufferKey k = ErrorBuffer.key("10.0.0.9", topic);
        assertTrue(io.edgepublisher.streamer.FileNameLimit.problem(k) == null, k.toString());
        assertEquals(io.edgepublisher.streamer.FileNameLimit.MAX_DATA_NAME,
                io.edgepublisher.streamer.FileNameLimit.dataNameBytes(k));
        assertTrue(k.table().startsWith("plant_xxx"), k.table());
        assertEquals(k, ErrorBuffer.key("10.0.0.9", topic), "the same topic, the same buffer");
        assertTrue(!k.equals(ErrorBuffer.key("10.0.0.9", topic + "y")), "distinct topics, distinct buffers");
    }

    @Test
    void oneMessagePerLine() {
        assertEquals("{\"a\": 1,  \"b\": 2}", ErrorBuffer.line("{\"a\": 1,\r\n \"b\": 2}"));
        assertEquals("plain", ErrorBuffer.line("plain"));
    }
}
