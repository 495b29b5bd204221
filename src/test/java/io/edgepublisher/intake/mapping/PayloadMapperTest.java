package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.streamer.BufferKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INTAKE.md §3.10 payload tolerance. */
class PayloadMapperTest {
    private final TopicMapping m = TopicMappingTest.mapping("bring [d]", "t",
            ColumnSpec.shortForm("v", "str", "bring [v]"));

    private PayloadResult map(String payload) {
        return PayloadMapper.map(m, payload.getBytes(StandardCharsets.UTF_8), PayloadMapper.DEFAULT_LIMIT);
    }

    @Test
    void whiteSpaceNulAndControlCharactersAreStripped() {
        PayloadResult r = map("\u0000\r\n \ufeff{\"d\": \"x\", \"v\": \"a\"}\u0000\u0004 \n");
        assertEquals(List.of(new RowBatch(BufferKey.of("x", "t"), "{\"v\":\"a\"}", 1)), r.batches());
    }

    @Test
    void noiseAroundTheJsonIsTolerated() {
        assertEquals("{\"v\":\"a\"}", map("payload: {\"d\": \"x\", \"v\": \"a\"} -- end").batches().get(0).text());
        assertEquals("{\"v\":\"a\"}\n{\"v\":\"b\"}",
                map("#[{\"d\": \"x\", \"v\": \"a\"}, {\"d\": \"x\", \"v\": \"b\"}]#").batches().get(0).text());
    }

    @Test
    void invalidUtf8IsReplaced() {
        byte[] bytes = {'{', '"', 'd', '"', ':', '"', 'x', '"', ',', '"', 'v', '"', ':', '"', 'a', (byte) 0xff, '"', '}'};
        PayloadResult r = PayloadMapper.map(m, bytes, PayloadMapper.DEFAULT_LIMIT);
        assertEquals("{\"v\":\"a\ufffd\"}", r.batches().get(0).text());
    }

    @Test
    void aListIsSeveralMessagesAndFailuresKeepTheirRawText() {
        PayloadResult r = map("[{\"d\": \"x\", \"v\": \"a\"}, {\"v\": \"no dbms\"}, 17, {\"d\": \"y\", \"v\": \"c\"}, {\"d\": \"x\", \"v\": \"d\"}]");
        assertEquals(5, r.messages().size());
        assertEquals(2, r.failures());
        assertEquals("MQTT: Failed to retrieve DBMS name from message", r.firstFailure().detail());
        assertEquals("{\"v\": \"no dbms\"}", r.firstFailure().rawMessage());
        assertEquals("MQTT message not in JSON format", r.messages().get(2).detail());
        assertEquals("17", r.messages().get(2).rawMessage());
        assertEquals(List.of(new RowBatch(BufferKey.of("x", "t"), "{\"v\":\"a\"}\n{\"v\":\"d\"}", 2),
                new RowBatch(BufferKey.of("y", "t"), "{\"v\":\"c\"}", 1)), r.batches());
        assertEquals(3, r.rows());
    }

    @Test
    void notJson() {
        for (String p : new String[] {"", "   ", "hello", "42", "\"{}\"", "{broken", "{\"a\": }"}) {
            PayloadResult r = map(p);
            assertEquals(1, r.failures(), p);
            assertEquals("MQTT message not in JSON format", r.firstFailure().detail(), p);
            assertEquals(124, r.firstFailure().code());
        }
        assertEquals("hello", map(" hello ").firstFailure().rawMessage());
    }

    @Test
    void emptyListIsNoMessage() {
        PayloadResult r = map("[]");
        assertEquals(0, r.messages().size());
        assertTrue(r.batches().isEmpty());
        assertNull(r.firstFailure());
    }

    @Test
    void sizeLimit() {
        byte[] big = ("{\"d\": \"x\", \"v\": \"" + "a".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        PayloadResult r = PayloadMapper.map(m, big, 100);
        assertFalse(r.firstFailure().ok());
        assertEquals("MQTT message of " + big.length + " bytes exceeds the size limit of 100 bytes", r.firstFailure().detail());
        assertTrue(PayloadMapper.map(m, big, big.length).firstFailure() == null);
        String text = "{\"d\": \"x\", \"v\": \"ééé\"}"; // 22 characters, 25 bytes in UTF-8: the limit is in bytes
        assertEquals(25, text.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(1, PayloadMapper.map(m, text, 24).failures());
        assertEquals(0, PayloadMapper.map(m, text, 25).failures());
    }
}
