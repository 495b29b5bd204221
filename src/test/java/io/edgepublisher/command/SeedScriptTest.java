package io.edgepublisher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.node.BootScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every line of the seed's 2023 script and of the bundled script tokenizes and parses. */
class SeedScriptTest {
    private static List<ScriptLines.Line> seed() throws Exception {
        return ScriptLines.split(Files.readString(Path.of("src/test/resources/scripts/seed-2023.al"), StandardCharsets.UTF_8));
    }

    @Test
    void seedBlocksBecomeSingleLines() throws Exception {
        List<ScriptLines.Line> lines = seed();
        assertEquals(25, lines.size());
        ScriptLines.Line policy = lines.stream().filter(l -> l.text().startsWith("new_policy")).findFirst().orElseThrow();
        assertTrue(policy.text().startsWith("new_policy = {\"master\": { \"hostname\": !hostname,"), policy.text());
        assertTrue(policy.text().endsWith("\"city\": !city }}"), policy.text());
        ScriptLines.Line mqtt = lines.stream().filter(l -> l.text().startsWith("run mqtt client")).findFirst().orElseThrow();
        assertTrue(mqtt.text().endsWith("column.value=(value=!mqtt_column_value and type=!mqtt_column_value_type) )"), mqtt.text());
        ScriptLines.Line pub = lines.stream().filter(l -> l.text().startsWith("run publisher")).findFirst().orElseThrow();
        assertEquals("run publisher where compress_json=!compress_file and compress_sql=!publisher_compress_file and"
            + " master_node=!ledger_conn and dbms_name=!dbms_file_location and table_name=!table_file_location", pub.text());
    }

    @Test
    void everySeedLineTokenizesAndItsWhereListParses() throws Exception {
        TestNodesDictionary d = new TestNodesDictionary();
        for (ScriptLines.Line line : seed()) {
            List<Token> t = Tokenizer.tokenize(line.text());
            assertTrue(!t.isEmpty(), line.text());
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).is("where")) {
                    WhereList w = WhereParser.parse(t, i + 1, d.resolver, "seed line " + line.number());
                    assertTrue(!w.isEmpty(), line.text());
                }
            }
        }
    }

    @Test
    void seedMqttLineParsesToTheNestedTopicMapping() throws Exception {
        TestNodesDictionary d = new TestNodesDictionary();
        ScriptLines.Line mqtt = seed().stream().filter(l -> l.text().startsWith("run mqtt client")).findFirst().orElseThrow();
        List<Token> t = Tokenizer.tokenize(mqtt.text());
        WhereList w = WhereParser.parse(t, 4, d.resolver, "run mqtt client");
        assertEquals("10.0.0.9", w.value("broker"));
        WhereList topic = w.first("topic").sub();
        assertEquals("anylog-demo", topic.value("name"));
        assertEquals("bring [dbms]", topic.value("dbms"));
        assertEquals("bring [timestamp]", topic.value("column.timestamp.timestamp"));
        WhereList value = topic.first("column.value").sub();
        assertEquals("bring [value]", value.value("value"));
        assertEquals("float", value.value("type"));
    }

    @Test
    void bundledScriptParses() {
        List<ScriptLines.Line> lines = ScriptLines.split(BootScript.bundled());
        assertTrue(lines.size() > 40);
        for (ScriptLines.Line l : lines) {
            assertTrue(!Tokenizer.tokenize(l.text()).isEmpty(), l.text());
        }
    }

    /** A dictionary shaped like the ENV import of a seed deployment. */
    static final class TestNodesDictionary {
        final VariableResolver resolver;

        TestNodesDictionary() {
            io.edgepublisher.config.Dictionary dict = new io.edgepublisher.config.Dictionary();
            Map.of("broker", "10.0.0.9", "port", "1883", "mqtt_log", "false", "mqtt_topic_name", "anylog-demo",
                "mqtt_topic_dbms", "bring [dbms]", "mqtt_topic_table", "bring [table]",
                "mqtt_column_timestamp", "bring [timestamp]", "mqtt_column_value", "bring [value]",
                "mqtt_column_value_type", "float").forEach(dict::put);
            Map.of("db_type", "sqlite", "db_ip", "127.0.0.1", "db_port", "5432", "sync_time", "30 seconds",
                "ledger_conn", "10.0.0.2:32048", "compress_file", "true", "publisher_compress_file", "true",
                "dbms_file_location", "file_name[0]", "table_file_location", "file_name[1]").forEach(dict::put);
            resolver = new VariableResolver(dict, Map.of());
        }
    }
}
