package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.streamer.BufferKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** INTAKE.md §3.3–3.9: registration, bring, types, rows. */
class TopicMappingTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-17T10:00:00.123456789Z"), ZoneOffset.UTC);

    static TopicMapping mapping(String dbms, String table, ColumnSpec... columns) {
        return TopicMapping.compile(new TopicSpec("t", 0, dbms, table, List.of(columns)), CLOCK);
    }

    static MessageResult map(TopicMapping m, String json) {
        try {
            return m.map(JsonParser.parseObject(json));
        } catch (io.edgepublisher.json.JsonException e) {
            throw new AssertionError("bad test JSON: " + json, e);
        }
    }

    static String row(TopicMapping m, String json) {
        MessageResult r = map(m, json);
        assertTrue(r.ok(), () -> "failed: " + r.detail());
        assertEquals(1, r.batches().size());
        return r.batches().get(0).text();
    }

    static String failure(TopicMapping m, String json) {
        MessageResult r = map(m, json);
        assertFalse(r.ok(), () -> "expected a failure, got " + r);
        assertEquals(124, r.code());
        return r.detail();
    }

    static ColumnSpec col(String name, String type, String value) {
        return ColumnSpec.shortForm(name, type, value);
    }

    @Test
    void specExample311() {
        TopicMapping m = mapping("bring [dbms]", "bring [table]", col("timestamp", "timestamp", "bring [timestamp]"),
                col("value", "float", "bring [value]"));
        MessageResult r = map(m, "{\"timestamp\": \"2024-04-17T10:00:00.123456Z\", \"value\": 0.18, \"dbms\": \"mydb\", "
                + "\"table\": \"rand_data\"}");
        assertEquals(List.of(new RowBatch(BufferKey.of("mydb", "rand_data"),
                "{\"timestamp\":\"2024-04-17T10:00:00.123456Z\",\"value\":0.18}", 1)), r.batches());
        assertEquals("mydb.rand_data.0.0.json", r.batches().get(0).key().toString());
    }

    // ---- registration errors (§3.9) ----

    private static String registrationError(TopicSpec spec) {
        CommandException e = assertThrows(CommandException.class, () -> TopicMapping.compile(spec, CLOCK));
        assertEquals(124, e.code());
        assertEquals("Error with info provided to MQTT", e.codeText());
        return e.detail();
    }

    @Test
    void registrationErrors() {
        List<ColumnSpec> cols = List.of(col("v", "int", "bring [v]"));
        assertEquals("Missing mapping instructions for message in topic", registrationError(new TopicSpec(null, 0, "d", "t", cols)));
        assertEquals("Missing mapping instructions for message in topic", registrationError(new TopicSpec(" ", 0, "d", "t", cols)));
        assertEquals("Missing mapping instruction for DBMS", registrationError(new TopicSpec("x", 0, null, "t", cols)));
        assertEquals("Missing mapping instruction for DBMS", registrationError(new TopicSpec("x", 0, "''", "t", cols)));
        assertEquals("Missing mapping instructions for table", registrationError(new TopicSpec("x", 0, "d", "", cols)));
        assertEquals("Missing mapping instructions for message in topic", registrationError(new TopicSpec("x", 0, "d", "t", List.of())));
        assertEquals("Wrong column type in MQTT mapping",
                registrationError(new TopicSpec("x", 0, "d", "t", List.of(col("v", "double", "bring [v]")))));
        assertEquals("Wrong column type in MQTT mapping",
                registrationError(new TopicSpec("x", 0, "d", "t", List.of(ColumnSpec.longForm("v", "blob", "bring [v]", false)))));
        assertEquals("Wrong column type in MQTT mapping",
                registrationError(new TopicSpec("x", 0, "d", "t", List.of(ColumnSpec.longForm("v", null, "bring [v]", false)))));
        assertEquals("Wrong value for column 'v' (int): abc",
                registrationError(new TopicSpec("x", 0, "d", "t", List.of(col("v", "int", "abc")))));
        assertEquals("Only one '[]' per key path is supported: bring [a][][b][]",
                registrationError(new TopicSpec("x", 0, "d", "t", List.of(col("v", "int", "bring [a][][b][]")))));
        assertEquals("Wrong 'bring' command in MQTT mapping: bring",
                registrationError(new TopicSpec("x", 0, "d", "t", List.of(col("v", "int", "bring")))));
        assertEquals("The Topic 'a/b' was subscribed by client #2", MappingErrors.topicTaken("a/b", 2).detail());
        assertEquals("Message broker is not running", MappingErrors.brokerNotRunning().detail());
    }

    @Test
    void shortFormAcceptsBoolLongFormAcceptsAliases() {
        TopicMapping m = mapping("d", "t", col("b", "bool", "bring [b]"),
                ColumnSpec.longForm("r", "real", "bring [r]", false), ColumnSpec.longForm("s", "VARCHAR", "bring [s]", false),
                ColumnSpec.longForm("i", "bigint", "bring [i]", false), ColumnSpec.longForm("w", "datetime", "bring [w]", false));
        assertEquals("{\"b\":true,\"r\":1.5,\"s\":\"x\",\"i\":9,\"w\":\"2024-05-01 10:00:00\"}",
                row(m, "{\"b\": \"TRUE\", \"r\": \"1.50\", \"s\": \"x\", \"i\": \"+009\", \"w\": \"2024-05-01 10:00:00\"}"));
    }

    // ---- bring expressions (§3.4) ----

    @Test
    void nestedKeysLiteralsAndQuotes() {
        TopicMapping m = mapping("bring [m][company]", "bring [m][x] _ [m][y] \"-\" 'z'", col("v", "str", "bring [m][x] ' & ' [m][y]"));
        MessageResult r = map(m, "{\"m\": {\"company\": \"AnyLog Co\", \"x\": \"cutter 23\", \"y\": \"12-34\"}}");
        assertEquals(BufferKey.of("anylog_co", "cutter_23_12_34_z"), r.batches().get(0).key());
        assertEquals("{\"v\":\"cutter 23 & 12-34\"}", r.batches().get(0).text());
    }

    @Test
    void literalDbmsAndTableAreNormalised() {
        TopicMapping m = mapping("\"My DB\"", "Temp-Sensor", col("v", "int", "bring [v]"));
        assertEquals(BufferKey.of("my_db", "temp_sensor"), map(m, "{\"v\": 1}").batches().get(0).key());
    }

    @Test
    void numericNamesAndListIndexes() {
        TopicMapping m = mapping("bring [site]", "bring [ids][1]", col("v", "int", "bring [vals][0]"));
        MessageResult r = map(m, "{\"site\": 7, \"ids\": [\"a\", \"B\"], \"vals\": [5, 6]}");
        assertEquals(BufferKey.of("7", "b"), r.batches().get(0).key());
        assertEquals("{\"v\":5}", r.batches().get(0).text());
    }

    @Test
    void missingOrEmptyNamesFail() {
        TopicMapping m = mapping("bring [d]", "bring [t]", col("v", "int", "bring [v]"));
        assertEquals("MQTT: Failed to retrieve DBMS name from message", failure(m, "{\"t\": \"x\", \"v\": 1}"));
        assertEquals("MQTT: Failed to retrieve Table name from message", failure(m, "{\"d\": \"x\", \"t\": \" \", \"v\": 1}"));
        assertEquals("MQTT: Failed to retrieve Table name from message", failure(m, "{\"d\": \"x\", \"t\": {}, \"v\": 1}"));
    }

    @Test
    void listExpansionOneRowPerElementWithPerMessageColumnsRepeated() {
        TopicMapping m = mapping("plant", "bring [kind]", col("timestamp", "timestamp", "now"),
                col("value", "float", "bring [readings][][value]"), col("device", "str", "bring [device]"));
        String text = row(m, "{\"kind\": \"Temp\", \"device\": \"d1\", \"readings\": [{\"value\": 1.5}, {\"value\": 2}]}");
        assertEquals("{\"timestamp\":\"2024-04-17T10:00:00.123456Z\",\"value\":1.5,\"device\":\"d1\"}\n"
                + "{\"timestamp\":\"2024-04-17T10:00:00.123456Z\",\"value\":2,\"device\":\"d1\"}", text);
        assertEquals(2, map(m, "{\"kind\": \"Temp\", \"device\": \"d1\", \"readings\": [{\"value\": 1.5}, {\"value\": 2}]}")
                .batches().get(0).rows());
    }

    @Test
    void listExpansionEvaluatesEveryPathOnTheSameElementAndSplitsByTable() {
        TopicMapping m = mapping("edgex", "bring [readings][][name]",
                ColumnSpec.longForm("value", "bring [readings][][valueType]", "bring [readings][][value]", false),
                col("origin", "int", "bring [origin]"));
        MessageResult r = map(m, "{\"origin\": 99, \"readings\": [{\"name\": \"Temp\", \"valueType\": \"Float64\", \"value\": \"2.5\"},"
                + " {\"name\": \"Hum\", \"valueType\": \"Int64\", \"value\": \"40\"}, {\"name\": \"Temp\", \"valueType\": \"Float64\", \"value\": 3.0}]}");
        assertTrue(r.ok(), r::detail);
        assertEquals(List.of(new RowBatch(BufferKey.of("edgex", "temp"), "{\"value\":2.5,\"origin\":99}\n{\"value\":3.0,\"origin\":99}", 2),
                new RowBatch(BufferKey.of("edgex", "hum"), "{\"value\":40,\"origin\":99}", 1)), r.batches());
        assertEquals(3, r.rows());
    }

    @Test
    void emptyOrAbsentListIsAMissingValue() {
        TopicMapping m = mapping("d", "t", col("v", "float", "bring [r][][v]"));
        assertEquals("Failed to pull info from message for column 'v'. Add: 'optional = true'", failure(m, "{\"r\": []}"));
        assertEquals("Failed to pull info from message for column 'v'. Add: 'optional = true'", failure(m, "{}"));
        assertEquals("Failed to pull info from message for column 'v'. Add: 'optional = true'",
                failure(m, "{\"r\": [{\"v\": 1}, {\"x\": 2}]}"));
    }

    // ---- values and types (§3.5, §3.7) ----

    @Test
    void missingValues() {
        TopicMapping m = mapping("d", "t", col("a", "int", "bring [a]"), ColumnSpec.longForm("b", "str", "bring [b]", true));
        assertEquals("Failed to pull info from message for column 'a'. Add: 'optional = true'", failure(m, "{\"b\": \"x\"}"));
        assertEquals("{\"a\":1}", row(m, "{\"a\": 1}"));
        assertEquals("{\"a\":null,\"b\":null}", row(m, "{\"a\": null, \"b\": null}"), "JSON null is a value, not missing");
    }

    @Test
    void messageWithOnlyMissingOptionalColumnsGivesNoRow() {
        TopicMapping m = mapping("d", "t", ColumnSpec.longForm("b", "str", "bring [b]", true));
        MessageResult r = map(m, "{}");
        assertTrue(r.ok());
        assertEquals(0, r.rows());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int|7|7", "int|\"8\"|8", "int|\"-007\"|-7", "int|\"+12\"|12", "int|\"-0\"|0", "int|9223372036854775807|9223372036854775807",
        "int|\"-9223372036854775808\"|-9223372036854775808",
        "float|3|3", "float|1.0|1.0", "float|1e-07|1e-07", "float|\"2.50\"|2.5", "float|\"3\"|3", "float|\"-1E3\"|-1000.0",
        "float|0.30000000000000004|0.30000000000000004", "float|1e22|1e+22",
        "str|\"a\\\"b\\\\c\"|\"a\\\"b\\\\c\"", "str|12.5|\"12.5\"", "str|42|\"42\"", "str|true|\"true\"", "str|\"Zürich 東京\"|\"Zürich 東京\"",
        "str|\"tab\\there\\u0001\"|\"tab\\there\\u0001\"",
        "bool|true|true", "bool|\"False\"|false", "bool|1|true", "bool|0|false", "bool|\"1\"|true",
        "timestamp|1607959427550|\"2020-12-14 15:23:47.550000\"",
    })
    void conversions(String type, String json, String out) {
        TopicMapping m = mapping("d", "t", col("c", type, "bring [c]"));
        assertEquals("{\"c\":" + out + "}", row(m, "{\"c\": " + json + "}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int|7.0", "int|\"seven\"", "int|true", "int|\"\"", "int|\"1e3\"", "int|{}",
        // int columns are 64-bit (issue 12 defect 4)
        "int|99999999999999999999999", "int|9223372036854775808", "int|-9223372036854775809",
        "int|\"9223372036854775808\"", "int|\"-99999999999999999999\"",
        "float|\"abc\"", "float|\"nan\"", "float|\"inf\"", "float|\"1e999\"", "float|false", "float|[1]",
        "str|{\"a\": 1}", "str|[1, 2]",
        "bool|2", "bool|\"yes\"", "bool|1.0",
        "timestamp|\"soon\"", "timestamp|true",
    })
    void valuesThatDoNotConvertFailTheMessage(String type, String json) {
        TopicMapping m = mapping("d", "t", col("c", type, "bring [c]"));
        assertTrue(failure(m, "{\"c\": " + json + "}").startsWith("Wrong value for column 'c' (" + type + "): "));
    }

    /** Issue 12 defect 2: names whose data file name no file system accepts fail the message, which is counted. */
    @Test
    void namesTooLongForAFileNameFailTheMessage() {
        TopicMapping m = mapping("d", "bring [t]", col("c", "int", "bring [c]"));
        String t = "t".repeat(220);
        assertTrue(failure(m, "{\"t\": \"" + t + "\", \"c\": 1}").startsWith("The data file name for dbms 'd' and"
                + " table '" + t + "' would be 264 bytes; data file names are limited to 213 bytes"));
        assertEquals("{\"c\":1}", row(m, "{\"t\": \"" + "t".repeat(160) + "\", \"c\": 1}"));
        CommandException e = assertThrows(CommandException.class, () -> mapping("d", t, col("c", "int", "1")));
        assertEquals(124, e.code());
        assertTrue(e.detail().startsWith("The data file name for dbms 'd' and table"), e.detail());
    }

    @Test
    void typeReadFromTheMessage() {
        TopicMapping m = mapping("d", "t", ColumnSpec.longForm("v", "bring [type]", "bring [v]", false));
        assertEquals("{\"v\":5}", row(m, "{\"type\": \"Int64\", \"v\": \"5\"}"));
        assertEquals("{\"v\":\"5\"}", row(m, "{\"type\": \"String\", \"v\": 5}"));
        assertEquals("Wrong column type in MQTT mapping", failure(m, "{\"type\": \"Blob\", \"v\": 5}"));
        assertEquals("Failed to pull info from message for column 'v'. Add: 'optional = true'", failure(m, "{\"v\": 5}"));
    }

    @Test
    void literalsAndNow() {
        TopicMapping m = mapping("d", "t", col("v", "float", "bring [v]"), col("site", "str", "'North Yard'"),
                col("n", "int", "5"), ColumnSpec.longForm("ts", "timestamp", "now()", false), col("t2", "timestamp", "NOW"));
        assertEquals("{\"ts\":\"2024-04-17T10:00:00.123456Z\",\"t2\":\"2024-04-17T10:00:00.123456Z\",\"v\":0.5,"
                + "\"site\":\"North Yard\",\"n\":5}", row(m, "{\"v\": 0.5}"));
    }

    @Test
    void columnNamesAreEscaped() {
        TopicMapping m = mapping("d", "t", col("we\"ird", "int", "bring [v]"));
        assertEquals("{\"we\\\"ird\":1}", row(m, "{\"v\": 1}"));
    }
}
