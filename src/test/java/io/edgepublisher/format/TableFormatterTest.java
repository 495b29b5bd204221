package io.edgepublisher.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.json.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableFormatterTest {
    /** EdgeLake's own get processes rows (from its JSON form) must render to its captured table byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"operator", "probe"})
    void reproducesEdgeLakeGetProcesses(String node) throws Exception {
        Path dir = Path.of("src/test/resources/conformance/text");
        String json = Files.readString(dir.resolve(node + ".get_processes_json.txt"), StandardCharsets.UTF_8);
        byte[] expected = Files.readAllBytes(dir.resolve(node + ".get_processes.txt"));
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : JsonParser.parseObject(json).entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) e.getValue();
            rows.add(List.of(e.getKey(), v.get("Status"), v.getOrDefault("Details", "")));
        }
        String out = TableFormatter.render(null, "    ", List.of("Process", "Status", "Details"), rows);
        assertEquals(new String(expected, StandardCharsets.UTF_8), out);
        assertEquals(expected.length, out.getBytes(StandardCharsets.UTF_8).length);
    }
}
