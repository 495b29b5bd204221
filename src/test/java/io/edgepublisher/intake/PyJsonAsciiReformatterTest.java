package io.edgepublisher.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte path of the REST PUT list re-serialisation must give exactly the text path's rows (REST.md §6.2), and must
 * never accept what the text path refuses.
 */
class PyJsonAsciiReformatterTest {

    @Test
    void sampleDataGeneratorBodyIsReSerialisedAsPythonDoes() throws Exception {
        String body = "[{\"batch\": 7}, {\"timestamp\": \"2024-04-17T10:00:01.000000Z\", \"value\": 12.5, \"seq\": 1},"
                + "{\"a\":1.50,\"b\":-0,\"c\":1e2,\"d\":[true,false,null],\"e\":\"x\\/y\\u00e9\\n\"}]";
        assertEquals("{\"batch\": 7}\n{\"timestamp\": \"2024-04-17T10:00:01.000000Z\", \"value\": 12.5, \"seq\": 1}\n"
                + "{\"a\": 1.5, \"b\": 0, \"c\": 100.0, \"d\": [true, false, null], \"e\": \"x/y\\u00e9\\n\"}\n",
                bytePath(body));
        assertEquals(bytePath(body), textPath(body));
    }

    @Test
    void whatNeedsDecodingOrDictSemanticsGoesToTheTextPath() {
        for (String body : new String[] {"[{\"a\": \"é\"}]", "[{\"a\": 1, \"a\": 2}]", "[{\"\\u0061\": 1}]",
            "[{\"a\": \"\\u００41\"}]"}) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThrows(PyJsonReformatter.SlowPath.class, () -> PyJsonAsciiReformatter.listOfObjects(b, b.length),
                    body);
        }
    }

    @Test
    void refusesWhatIsNotAListOfObjects() {
        for (String body : new String[] {"{\"a\": 1}", "[1]", "[{\"a\": 1}", "[{\"a\": 1}] x", "[{\"a\": tru}]",
            "[{\"a\": 01}]", "[{\"a\": \"\t\"}]", "[{\"a\": 1,}]", "[{\"a\": .5}]"}) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThrows(PyJsonReformatter.Invalid.class, () -> PyJsonAsciiReformatter.listOfObjects(b, b.length),
                    body);
        }
    }

    /** Random token soups, valid or not: where the byte path answers, the text path answers the same. */
    @Test
    void agreesWithTheTextPath() throws Exception {
        SplittableRandom r = new SplittableRandom(21);
        String[] tokens = {"{", "}", "[", "]", ",", ":", " ", "\n", "\"k\"", "\"k2\"", "\"v\\\"q\"", "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"", "\"\\/\"", "\"\u007f\"", "\"\\b\\f\\t\\r\"", "0", "-0", "12", "-3.25", "1.50", "0.0001",
            "0.00001", "1e5", "2E-3", "123456789012345678", "0.1234567890123456", "true", "false", "null", "\"é\"",
            "\"\\x\""};
        int answered = 0;
        for (int i = 0; i < 20000; i++) {
            String body = i % 2 == 0 ? randomValid(r) : randomSoup(r, tokens);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            PyJsonAsciiReformatter.Rows rows;
            try {
                rows = PyJsonAsciiReformatter.listOfObjects(b, b.length);
            } catch (PyJsonReformatter.SlowPath e) {
                continue;
            } catch (PyJsonReformatter.Invalid e) {
                StringBuilder sb = new StringBuilder();
                try {
                    PyJsonReformatter.listOfObjects(body, sb);
                    fail("the byte path refused what the text path accepts: " + body);
                } catch (PyJsonReformatter.Invalid | PyJsonReformatter.SlowPath expected) {
                    continue;
                }
                continue;
            }
            answered++;
            StringBuilder sb = new StringBuilder();
            int textRows = PyJsonReformatter.listOfObjects(body, sb);
            assertEquals(textRows, rows.rows(), body);
            assertEquals(sb.toString(), new String(rows.bytes(), 0, rows.length(), StandardCharsets.US_ASCII), body);
        }
        assertEquals(true, answered > 5000, "most valid bodies take the byte path: " + answered);
    }

    private static String randomValid(SplittableRandom r) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = r.nextInt(1, 5); k > 0; k--) {
            sb.append(r.nextBoolean() ? "{" : " {");
            for (int m = r.nextInt(0, 4); m >= 0; m--) {
                sb.append("\"k").append(m).append("\"").append(r.nextBoolean() ? ":" : ": ");
                sb.append(new String[] {"1", "-0", "2.50", "0.1", "1e3", "\"s\\u0041\"", "[1, {\"x\": null}]", "true",
                    "-12.345678901234567", "\"\\\\\""}[r.nextInt(10)]);
                if (m > 0) {
                    sb.append(r.nextBoolean() ? "," : ", ");
                }
            }
            sb.append("}");
            if (k > 1) {
                sb.append(r.nextBoolean() ? "," : ",\n");
            }
        }
        return sb.append("]").toString();
    }

    private static String randomSoup(SplittableRandom r, String[] tokens) {
        StringBuilder sb = new StringBuilder("[{");
        for (int k = r.nextInt(1, 12); k > 0; k--) {
            sb.append(tokens[r.nextInt(tokens.length)]);
        }
        return sb.toString();
    }

    private static String bytePath(String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        PyJsonAsciiReformatter.Rows rows = PyJsonAsciiReformatter.listOfObjects(b, b.length);
        return new String(rows.bytes(), 0, rows.length(), StandardCharsets.US_ASCII);
    }

    private static String textPath(String body) throws Exception {
        StringBuilder sb = new StringBuilder();
        PyJsonReformatter.listOfObjects(body, sb);
        return sb.toString();
    }
}
