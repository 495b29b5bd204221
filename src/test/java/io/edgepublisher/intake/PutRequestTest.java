package io.edgepublisher.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.streamer.BufferKey;
import org.junit.jupiter.api.Test;

/** REST.md §6.1 header rules. */
class PutRequestTest {
    @Test
    void defaultsAndLowerCasing() {
        PutRequest r = PutRequest.of("MyDB", "Sensor", null, null, null, null);
        assertEquals(new PutRequest("mydb", "sensor", "0", "0", false), r);
        PutRequest s = PutRequest.of("test", "rand_data", "Dev7", "12", "JSON", "Streaming");
        assertEquals(new PutRequest("test", "rand_data", "Dev7", "12", true), s);
        assertEquals(BufferKey.of("test", "rand_data", "Dev7", "12"), s.bufferKey());
        assertEquals("test.rand_data.Dev7.12.json", s.bufferKey().toString());
    }

    @Test
    void errors() {
        assertError(83, "Missing 'dbms' name in REST PUT command", null, "t", null, null, null, null);
        assertError(83, "Missing 'dbms' name in REST PUT command", " ", "t", null, null, null, null);
        assertError(28, "Missing 'table' name in REST PUT command", "d", null, null, null, null, null);
        assertError(5, "Wrong 'dbms' value in REST PUT command: 'my.db'", "my.db", "t", null, null, null, null);
        assertError(5, "Wrong 'dbms' value in REST PUT command: 'a b'", "a b", "t", null, null, null, null);
        assertError(28, "Wrong 'table' value in REST PUT command: 'a/b'", "d", "a/b", null, null, null, null);
        assertError(28, "Wrong 'table' value in REST PUT command: 'a\\b'", "d", "a\\b", null, null, null, null);
        assertError(2, "Wrong 'source' value in REST PUT command: 'x\u0001'", "d", "t", "x\u0001", null, null, null);
        assertError(2, "Wrong 'source' value in REST PUT command: ''", "d", "t", "", null, null, null);
        assertError(2, "Wrong 'instructions' value in REST PUT command: 'p.1'", "d", "t", null, "p.1", null, null);
        assertError(115, null, "d", "t", null, null, "csv", null);
        assertError(2, null, "d", "t", null, null, "json", "append");
    }

    private static void assertError(int code, String detail, String dbms, String table, String source,
            String instructions, String type, String mode) {
        CommandException e = assertThrows(CommandException.class,
                () -> PutRequest.of(dbms, table, source, instructions, type, mode));
        assertEquals(code, e.code());
        if (detail == null) {
            assertNull(e.detail());
        } else {
            assertEquals(detail, e.detail());
        }
    }
}
