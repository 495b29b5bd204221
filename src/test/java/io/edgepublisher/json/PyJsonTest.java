package io.edgepublisher.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyJsonTest {
    @Test
    void keepsOrderAndPythonSeparators() throws Exception {
        Object v = JsonParser.parse("{\"b\":1,\"a\":[true,null,1.0,\"x\"],\"c\":{}}");
        assertEquals("{\"b\": 1, \"a\": [true, null, 1.0, \"x\"], \"c\": {}}", PyJson.dumps(v));
    }

    @Test
    void escapesLikeEnsureAscii() throws Exception {
        Object v = JsonParser.parse("\"Z\\u00fcrich \\u6771 \\\"q\\\" \\\\ \\n\\t\\u0007\\u007f/\"");
        assertEquals("\"Z\\u00fcrich \\u6771 \\\"q\\\" \\\\ \\n\\t\\u0007\\u007f/\"", PyJson.dumps(v));
        assertEquals("\"\\ud83d\\ude00\"", PyJson.dumps("\uD83D\uDE00"));
    }

    @Test
    void duplicateKeysKeepFirstPositionLastValue() throws Exception {
        Map<String, Object> m = JsonParser.parseObject("{\"a\": 1, \"b\": 2, \"a\": 3}");
        assertEquals("{\"a\": 3, \"b\": 2}", PyJson.dumps(m));
    }

    @Test
    void integersKeepTheirSize() throws Exception {
        List<?> l = (List<?>) JsonParser.parse("[9223372036854775807, 18446744073709551615, -9223372036854775808]");
        assertEquals(Long.MAX_VALUE, l.get(0));
        assertEquals(new BigInteger("18446744073709551615"), l.get(1));
        assertEquals(Long.MIN_VALUE, l.get(2));
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[] {"{", "{\"a\" 1}", "[1,]", "01", "\"\u0001\"", "{} x", "tru", "1.", "-"}) {
            assertThrows(JsonException.class, () -> JsonParser.parse(bad), bad);
        }
    }

    @Test
    void reprQuotesLikePython() throws Exception {
        Object v = JsonParser.parse("{\"name\": \"Bob's node\", \"note\": \"say \\\"hi\\\"\", \"both\": \"it's \\\"x\\\"\","
            + " \"uni\": \"Z\u00fcrich\", \"f\": 1.5, \"e\": 1e-05, \"big\": 1e16, \"b\": true, \"n\": null, \"l\": [1, \"a\"]}");
        assertEquals("{'name': \"Bob's node\", 'note': 'say \"hi\"', 'both': 'it\\'s \"x\"', 'uni': 'Z\u00fcrich',"
            + " 'f': 1.5, 'e': 1e-05, 'big': 1e+16, 'b': True, 'n': None, 'l': [1, 'a']}", PyRepr.repr(v));
    }

    @Test
    void compactRowQuoting() {
        StringBuilder sb = new StringBuilder();
        CompactJson.quote(sb, "Z\u00fcrich \"x\" \\ \n");
        assertEquals("\"Z\u00fcrich \\\"x\\\" \\\\ \\n\"", sb.toString());
    }
}
