package io.edgepublisher.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** REST.md §6.2. */
class PutBodyParserTest {

    /** Expected texts produced by CPython: {@code "".join(json.dumps(e) + "\n" for e in json.loads(body))}. */
    @Test
    void listsAreReSerialisedExactlyAsPythonDoes() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/intake/put-body-python.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : cases) {
            String body = c.get(0).asText();
            if (body.equals("[1, \"x\", [], [1, 2.0]]")) {
                continue; // elements that are not objects: refused (rowsThatAreNotJsonObjectsRefuseTheWholeBody)
            }
            PutRows rows = PutBodyParser.parse(body);
            assertEquals(c.get(1).asText(), rows.text(), body);
            assertEquals(rows.text().split("\n").length, rows.rows());
        }
    }

    @Test
    void singleObjectIsKeptVerbatim() {
        String body = "  {\"v\":  1.50,\n \"a\": \"\\u00e9\", \"a\": 2}\n";
        assertEquals(new PutRows(body, 1), PutBodyParser.parse(body));
        assertEquals(new PutRows("{\"v\": 1}", 1), PutBodyParser.parse("{\"v\": 1}"));
    }

    @Test
    void nonJsonTextYieldsEachBalancedObject() {
        assertEquals(new PutRows("{\"a\": 1}\n{\"b\": \"}{\"}\n", 2),
                PutBodyParser.parse("{\"a\": 1}\n{\"b\": \"}{\"}\n"));
        assertEquals(new PutRows("{\"a\": {\"n\": 1}}\n{\"c\": 3}\n", 2),
                PutBodyParser.parse("junk {\"a\": {\"n\": 1}} more, \"quoted\" {\"c\": 3} tail {\"unclosed\": "));
        assertEquals(new PutRows("{\"a\": 1}\n{\"b\": 2}\n", 2), PutBodyParser.parse("[{\"a\": 1}, {\"b\": 2}"),
                "an unterminated list is not JSON: its objects are extracted");
    }

    @Test
    void errors() {
        assertError(67, "Failed to process JSON data: Message Body is empty", "");
        assertError(67, "Failed to process JSON data: Message Body is empty", " \n ");
        assertError(67, "Failed to process JSON data: Message Body is empty", null);
        assertError(67, "REST PUT command without new data", "[]");
        assertError(67, "REST PUT command without new data", " [ ] \n");
        assertError(6, "Failed to identify JSON data in Put message body", "hello world");
        assertError(6, "Failed to identify JSON data in Put message body", "[1, 2");
        assertError(6, "Failed to identify JSON data in Put message body", "{\"never closed\": 1");
    }

    /** Issue 12 defect 4: every stored row is a JSON object; a body with anything else is refused whole. */
    @Test
    void rowsThatAreNotJsonObjectsRefuseTheWholeBody() {
        assertError(6, "Element 1 of the list in the PUT body is not a JSON object (a number); every row must be a"
                + " JSON object, nothing was stored", "[1,2,3]");
        assertError(6, "Element 2 of the list in the PUT body is not a JSON object (a list); every row must be a"
                + " JSON object, nothing was stored", "[{\"a\": 1}, [2], {\"b\": 3}]");
        assertError(6, "Element 1 of the list in the PUT body is not a JSON object (a string); every row must be a"
                + " JSON object, nothing was stored", "[\"x\"]");
        assertError(6, "The object at byte 0 of the PUT body is not valid JSON (unexpected character '}' at byte 6);"
                + " every row must be a JSON object, nothing was stored", "{\"a\": }");
        assertError(6, "The object at byte 9 of the PUT body is not valid JSON (unexpected character 'N' at byte 15);"
                + " every row must be a JSON object, nothing was stored", "{\"a\": 1}\n{\"x\": NaN}");
        assertError(6, "The object at byte 0 of the PUT body is not valid JSON (control character in a string at byte"
                + " 7); every row must be a JSON object, nothing was stored", "{\"a\": \"\t\"}");
    }

    @Test
    void stringsMustBeValidUtf8() throws Exception {
        byte[] body = {'[', '{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}', ']'};
        CommandException e = assertThrows(CommandException.class,
                () -> PutBodyParser.write(BodySpool.of(body), RowsOut.inMemory()));
        assertEquals(6, e.code());
        assertEquals("The object at byte 1 of the PUT body is not valid JSON (invalid UTF-8 at byte 7); every row"
                + " must be a JSON object, nothing was stored", e.detail());
    }

    private static void assertError(int code, String detail, String body) {
        CommandException e = assertThrows(CommandException.class, () -> PutBodyParser.parse(body));
        assertEquals(code, e.code());
        assertEquals(detail, e.detail());
    }

    /** Differential test: the single-pass re-serialiser agrees with parse + PyJson on random documents. */
    @Test
    void fastPathAgreesWithGeneralPath() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 3000; i++) {
            List<Object> list = new ArrayList<>();
            int n = r.nextInt(1, 6);
            for (int k = 0; k < n; k++) {
                list.add(randomObject(r, 0));
            }
            String body = randomSpacing(PyJson.dumps(list), r);
            StringBuilder expected = new StringBuilder();
            for (Object o : (List<?>) JsonParser.parse(body)) {
                PyJson.write(expected, o);
                expected.append('\n');
            }
            assertEquals(expected.toString(), PutBodyParser.parse(body).text(), body);
        }
    }

    /**
     * A body too large for memory takes the element-wise path (spooled, scanned, one element at a time): it must give
     * the same rows, byte for byte, as the one-pass path, including the re-serialisation of duplicate keys.
     */
    @Test
    void spooledBodiesGiveTheSameRows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path spool) throws Exception {
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < 300; i++) {
            List<Object> list = new ArrayList<>();
            for (int k = r.nextInt(1, 6); k > 0; k--) {
                list.add(randomObject(r, 0));
            }
            String body = randomSpacing(PyJson.dumps(list), r);
            if (i % 10 == 0) {
                body = body.replaceFirst("\\[", "[{\"dup\": 1, \"x\": \"\\\\u00e9\", \"dup\": 2}, "); // general parser
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (BodySpool spooled = BodySpool.read(new java.io.ByteArrayInputStream(bytes), spool, 0);
                    RowsOut out = new RowsOut("d", "t", spool, 0)) {
                assertEquals(true, spooled.spooled());
                int rows = PutBodyParser.write(spooled, out);
                out.finish(true);
                PutRows expected = PutBodyParser.parse(body);
                assertEquals(expected.rows(), rows, body);
                assertEquals(expected.text(), java.nio.file.Files.readString(out.file()), body);
                assertEquals(io.edgepublisher.streamer.DataHash.md5("d", "t",
                        expected.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)), out.hash());
            }
        }
        try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.list(spool)) {
            assertEquals(0, left.count(), "spool and row files are deleted when closed");
        }
    }

    private static Object randomObject(SplittableRandom r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(0, 5);
        for (int i = 0; i < n; i++) {
            m.put("k" + r.nextInt(0, 12) + (r.nextInt(10) == 0 ? "é" : ""), randomValue(r, depth + 1));
        }
        return m;
    }

    private static Object randomValue(SplittableRandom r, int depth) {
        switch (r.nextInt(depth > 3 ? 6 : 8)) {
            case 0: return r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            case 1: return Math.round(r.nextDouble(-1e6, 1e6) * 100) / 100.0;
            case 2: return Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
            case 3: return r.nextBoolean() ? "plain text" : "tab\t\"quote\" é 東 \u0001 /";
            case 4: return r.nextBoolean();
            case 5: return null;
            case 6: return randomObject(r, depth);
            default:
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(0, 4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
        }
    }

    /** Rewrites PyJson's separators with random white space, keeping the document's meaning. */
    private static String randomSpacing(String json, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\') {
                    sb.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            }
            if (c == ' ') {
                sb.append(new String[] {"", " ", "\n  ", "\t"}[r.nextInt(4)]);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
