package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every row is valid JSON and carries the value it was given (INTAKE.md §3.7), whatever the text contains. */
class RowValidityTest {
    @Test
    void randomStringsAndNumbersRoundTrip() throws Exception {
        TopicMapping m = TopicMappingTest.mapping("d", "t", ColumnSpec.shortForm("s", "str", "bring [s]"),
                ColumnSpec.shortForm("f", "float", "bring [f]"), ColumnSpec.shortForm("i", "int", "bring [i]"));
        ObjectMapper jackson = new ObjectMapper();
        SplittableRandom r = new SplittableRandom(3);
        String alphabet = "aZ09 \"\\/\n\r\t\b\f\u0000\u001f\u007fé東\u2028";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(0, 12); k > 0; k--) {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (r.nextInt(20) == 0) {
                s.append("\uD83D\uDE00");
            }
            double f = Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1);
            long i = r.nextLong();
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("s", s.toString());
            msg.put("f", f);
            msg.put("i", i);
            MessageResult res = m.map(msg);
            assertTrue(res.ok(), res::detail);
            String row = res.batches().get(0).text();
            JsonNode node = jackson.readTree(row);
            assertEquals(List.of("s", "f", "i"), iterable(node));
            assertEquals(s.toString(), node.get("s").asText(), row);
            assertEquals(f, node.get("f").asDouble(), 0.0, row);
            assertEquals(i, node.get("i").asLong(), row);
            assertTrue(!row.contains("\n") && !row.contains("\r"), "a row is one line");
        }
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
