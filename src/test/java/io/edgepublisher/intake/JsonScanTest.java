package io.edgepublisher.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyJson;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming validator agrees with the node's strict parser, whatever the chunking. */
class JsonScanTest {

    private static boolean scan(byte[] text, SplittableRandom r) {
        JsonScan s = new JsonScan();
        int at = 0;
        while (at < text.length) {
            int n = Math.min(text.length - at, 1 + r.nextInt(7));
            if (!s.feed(text, at, at + n)) {
                return false;
            }
            at += n;
        }
        return s.finish();
    }

    /** What the strict parser says about the same bytes (invalid UTF-8 is invalid JSON text). */
    private static boolean parses(byte[] text) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        try {
            JsonParser.parse(s);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheParserOnDocumentsAndTheirMutations() {
        SplittableRandom r = new SplittableRandom(7);
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] doc = PyJson.dumps(randomValue(r, 0)).getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(3) == 0) {
                doc = new String(doc, StandardCharsets.UTF_8).replace("\\u00e9", "é").replace("\\u6771", "東")
                        .getBytes(StandardCharsets.UTF_8);
            }
            byte[] text = r.nextBoolean() ? doc : mutate(doc, r);
            boolean expected = parses(text);
            valid += expected ? 1 : 0;
            assertEquals(expected, scan(text, r), new String(text, StandardCharsets.ISO_8859_1));
        }
        assertTrue(valid > 9000 && valid < 19_000, "both outcomes are exercised: " + valid);
    }

    @Test
    void edgeCases() {
        String[] good = {"0", "-0", "1.5e+3", "\"\"", " [] ", "{}", "[1, {\"a\": [true, false, null]}]", "\"\\u00e9\\n\"",
            "\"é東😀\"", "1E9", "{\"a\":1}\n"};
        String[] bad = {"", " ", "01", "1.", "-", "1e", "+1", "[1,]", "{\"a\"}", "{\"a\":1,}", "[1 2]", "tru", "nul",
            "\"\\x\"", "\"a\tb\"", "{'a': 1}", "NaN", "{\"a\": NaN}", "[] []", "\"\\u12g4\"", "{\"a\":1}}"};
        SplittableRandom r = new SplittableRandom(1);
        for (String g : good) {
            assertTrue(scan(g.getBytes(StandardCharsets.UTF_8), r), g);
        }
        for (String b : bad) {
            assertFalse(scan(b.getBytes(StandardCharsets.UTF_8), r), b);
        }
        assertFalse(scan(new byte[] {'"', (byte) 0xc3, '"'}, r), "truncated UTF-8 sequence");
        assertFalse(scan(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, r), "UTF-8 surrogate");
        assertFalse(scan(new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'}, r), "overlong UTF-8");
        assertTrue(scan("[".repeat(512).concat("]".repeat(512)).getBytes(StandardCharsets.US_ASCII), r));
        assertFalse(scan("[".repeat(513).concat("]".repeat(513)).getBytes(StandardCharsets.US_ASCII), r));
    }

    @Test
    void reportsWhereTheElementsOfATopLevelListAre() {
        String text = " [ {\"a\": [1, 2]} ,12.5,\"x]\" , true,[{}]] ";
        List<String> elements = new ArrayList<>();
        long[] start = {-1};
        JsonScan s = new JsonScan(new JsonScan.ElementListener() {
            @Override
            public void start(long offset, byte first) {
                start[0] = offset;
            }

            @Override
            public void end(long offset) {
                elements.add(text.substring((int) start[0], (int) offset));
            }
        });
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            assertTrue(s.feed(b, i, i + 1));
        }
        assertTrue(s.finish());
        assertEquals(List.of("{\"a\": [1, 2]}", "12.5", "\"x]\"", "true", "[{}]"), elements);
    }

    @Test
    void saysWhatIsWrongAndWhere() {
        JsonScan s = new JsonScan();
        byte[] b = "{\"a\": }".getBytes(StandardCharsets.US_ASCII);
        assertFalse(s.feed(b, 0, b.length));
        assertEquals("unexpected character '}'", s.error());
        assertEquals(6, s.errorOffset());
    }

    private static byte[] mutate(byte[] doc, SplittableRandom r) {
        byte[] m = doc.clone();
        switch (r.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(doc, r.nextInt(doc.length + 1));
            case 1:
                String swaps = "{}[],:\"\\ 0-.eE\u00ff";
                m[r.nextInt(m.length)] = (byte) swaps.charAt(r.nextInt(swaps.length()));
                return m;
            case 2:
                m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                return m;
            default:
                int at = r.nextInt(m.length + 1);
                byte[] out = new byte[m.length + 1];
                System.arraycopy(m, 0, out, 0, at);
                out[at] = (byte) " ,]}0".charAt(r.nextInt(5));
                System.arraycopy(m, at, out, at + 1, m.length - at);
                return out;
        }
    }

    private static Object randomValue(SplittableRandom r, int depth) {
        switch (r.nextInt(depth > 3 ? 6 : 8)) {
            case 0: return r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            case 1: return r.nextDouble(-1e6, 1e6);
            case 2: return Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
            case 3: return r.nextBoolean() ? "plain" : "tab\t\"q\" é 東 \u0001 /";
            case 4: return r.nextBoolean();
            case 5: return null;
            case 6:
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(0, 4); i > 0; i--) {
                    m.put("k" + r.nextInt(10), randomValue(r, depth + 1));
                }
                return m;
            default:
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(0, 4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
        }
    }
}
