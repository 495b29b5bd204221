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

    @Test
    void oneMessagePerLine() {
        assertEquals("{\"a\": 1,  \"b\": 2}", ErrorBuffer.line("{\"a\": 1,\r\n \"b\": 2}"));
        assertEquals("plain", ErrorBuffer.line("plain"));
    }
}
