package io.edgepublisher.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.json.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TableFormatterTest {
    private static String resource(String path) throws IOException {
        try (InputStream in = TableFormatterTest.class.getResourceAsStream("/conformance/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** EdgeLake's 19 rows, rebuilt from its JSON form, give its table form byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"operator", "probe"})
    void reproducesEdgeLakeGetProcesses(String node) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> json =
            (Map<String, Map<String, Object>>) JsonParser.parse(resource("text/" + node + ".get_processes_json.txt"));
        List<List<Object>> rows = new ArrayList<>();
        json.forEach((process, info) ->
            rows.add(List.of(process, info.get("Status"), info.getOrDefault("Details", ""))));
        String table = TableFormatter.of(List.of("Process", "Status", "Details")).withPrefix("    ").format(rows);
        assertEquals(resource("text/" + node + ".get_processes.txt"), table);
        assertEquals(2249, table.length());
    }

    @Test
    void numbersAndNumericStringsAreRightJustified() {
        String t = TableFormatter.of(List.of("Name", "Count", "Text")).format(List.of(
            Arrays.asList("a", 5L, "1,024"),
            Arrays.asList("bb", 1.5, "-3.5"),
            Arrays.asList("c", 123456L, "1-2"),
            Arrays.asList("d", null, true)));
        assertEquals("\r\nName Count  Text  "
            + "\r\n----|------|-----|"
            + "\r\na   |     5|1,024|"
            + "\r\nbb  |   1.5| -3.5|"
            + "\r\nc   |123456|1-2  |"
            + "\r\nd   |      |True |"
            + "\r\n", t);
    }

    @Test
    void longValuesAreChunkedWithContinuationLines() {
        String longValue = "x".repeat(100) + "y".repeat(100) + "zz";
        String t = TableFormatter.of(List.of("K", "V", "End")).withPrefix("  ")
            .format(List.of(List.of("key", longValue, "e")));
        String blank = "  " + "   |";
        assertEquals("\r\n  K   " + "V" + " ".repeat(100) + "End "
            + "\r\n  ---|" + "-".repeat(100) + "|---|"
            + "\r\n  key|" + "x".repeat(100) + "|"
            + "\r\n" + blank + "y".repeat(100) + "|"
            + "\r\n" + blank + "zz" + " ".repeat(98) + "|e  |"
            + "\r\n", t);
    }

    @Test
    void controlCharactersInTextAndHeaderAndTwoLineTitles() {
        String t = TableFormatter.of(List.of("DBMS-Table", "Put\nfiles", "Last")).withHeader("Statistics")
            .format(List.of(List.of("a\r\nb\tc", 7L, "x")));
        assertEquals("\r\nStatistics"
            + "\r\nDBMS-Table Put   Last "
            + "\r\n           files      "
            + "\r\n----------|-----|----|"
            + "\r\na b c     |    7|x   |"
            + "\r\n", t);
    }

    @Test
    void withoutTitlesOnlyRowsArePrinted() {
        assertEquals("\r\nab|1|\r\n", TableFormatter.of(List.of()).format(List.of(List.of("ab", 1L))));
        assertEquals("\r\nA \r\n-|\r\n", TableFormatter.of(List.of("A")).format(List.of()));
    }

    @Test
    void widthsCountCodePoints() {
        String t = TableFormatter.of(List.of("C")).format(List.of(List.of("\uD83C\uDF21\u00fc")));
        assertEquals("\r\nC  \r\n--|\r\n\uD83C\uDF21\u00fc|\r\n", t);
    }
}
