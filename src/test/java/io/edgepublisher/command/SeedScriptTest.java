package io.edgepublisher.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.ledger.Vectors;
import io.edgepublisher.ledger.testing.MasterDouble;
import io.edgepublisher.node.BootScript;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line of the seed's 2023 script and of the bundled script tokenizes and parses, and the seed runs on a real
 * node the way the boot runs a script: with a master (a {@link MasterDouble}) every step succeeds up to
 * {@code get processes}; without one it stops at the sync step with error 2.
 */
class SeedScriptTest {
    private static final Path SEED = Path.of("src/test/resources/scripts/seed-2023.al");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private static List<ScriptLines.Line> seed() throws Exception {
        return ScriptLines.split(Files.readString(SEED, StandardCharsets.UTF_8));
    }

    /** The settings of a seed deployment: the seed reads them as {@code $NAME} and {@code !name}. */
    private static Map<String, String> seedEnv(String ledgerConn) {
        return Map.of("NODE_NAME", "seed-publisher", "LEDGER_CONN", ledgerConn, "SYNC_TIME", "30 seconds",
            "MQTT_BROKER", "127.0.0.1", "MQTT_PORT", "1883", "MQTT_TOPIC_NAME", "ep-seed/" + UUID.randomUUID());
    }

    /**
     * Runs the seed on the node with the boot's script runner (a node booted on an empty script, so the seed starts
     * the servers itself); {@code steps} gets {@code <line>: <result>} for every line run.
     */
    private static CommandResult runSeed(TestNode n, List<String> steps, List<String> outputs) throws Exception {
        return n.node().scripts().run(SEED.toString(), Files.readString(SEED, StandardCharsets.UTF_8),
            new Session(Source.SCRIPT, text -> { }), (script, line, r) -> {
                steps.add(line.number() + ": " + r.describe());
                outputs.add(r.output());
            });
    }

    /** The numbers of the seed's command lines, in order, up to and including {@code last}. */
    private static List<String> successes(int last) throws Exception {
        List<String> out = new ArrayList<>();
        for (ScriptLines.Line l : seed()) {
            if (l.number() <= last) {
                out.add(l.number() + ": Success");
            }
        }
        return out;
    }

    @Test
    void withAMasterEveryStepRunsUpToGetProcesses() throws Exception {
        byte[] ledger = Vectors.bytes("ledger/blockchain.json");
        try (MasterDouble master = MasterDouble.start().serve(ledger);
             TestNode n = TestNode.start(home, seedEnv(master.connection()), "")) {
            List<String> steps = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            CommandResult r = runSeed(n, steps, outputs);
            assertTrue(r.isOk(), r.describe() + " after " + steps);
            assertEquals(successes(69), steps);

            // Step 6: the first ledger request (hash 0), answered and merged before the step returned.
            String request = "event get_blockchain " + n.node().dirs().blockchainNew().toAbsolutePath() + " 0 0";
            assertEquals(request, master.awaitCommand(c -> c.startsWith("event"), 1, WAIT).orElseThrow());
            assertTrue(master.awaitFilesSent(1, WAIT));
            String merged = Files.readString(n.node().dirs().blockchainFile());
            assertTrue(merged.startsWith(new String(ledger, StandardCharsets.UTF_8)), merged);
            assertEquals("6", n.ok("blockchain get * bring.count"), "the master's five policies and this node's");
            // Step 8: the seed's "master" policy is declared as this node's publisher policy and pushed.
            String push = master.awaitCommand(c -> c.startsWith("blockchain push"), 1, WAIT).orElseThrow();
            String[] lines = Files.readString(n.node().dirs().blockchainFile()).split("\n");
            String own = lines[lines.length - 1];
            assertTrue(own.startsWith("{\"publisher\": {\"hostname\": ") && own.contains("\"name\": \"seed-publisher\", "
                + "\"ip\": \"127.0.0.1\", \"local_ip\": \"127.0.0.1\", \"company\": \"New Company\", \"port\": "
                + n.tcpPort() + ", \"rest_port\": " + n.restPort() + ","), own);
            assertEquals("blockchain push " + own.replace("\"ledger\": \"local\"", "\"ledger\": \"global\""), push);
            assertEquals(List.of(request, push), master.commands());

            // Step 13: get processes, as the seed printed it.
            String processes = outputs.get(outputs.size() - 1);
            for (String row : List.of(
                "    TCP            |Running     |Listening on: 127.0.0.1:" + n.tcpPort() + ", Threads Pool: 6",
                "    REST           |Running     |Listening on: 127.0.0.1:" + n.restPort() + ", Threads Pool: 5",
                "    Publisher      |Running     |",
                "    Blockchain Sync|Running     |Sync every 30 seconds with master using: " + master.connection(),
                "    Scheduler      |Running     |Schedulers IDs in use: [0 (system)] [1 (user)]",
                "    MQTT           |Running     |",
                "    Streamer       |Running     |")) {
                assertTrue(processes.contains("\r\n" + row), row + "\n" + processes);
            }
        }
    }

    @Test
    void withoutAMasterTheSyncStepFailsWithError2AndTheScriptStops() throws Exception {
        try (TestNode n = TestNode.start(home, seedEnv(""), "")) {
            List<String> steps = new ArrayList<>();
            CommandResult r = runSeed(n, steps, new ArrayList<>());
            String error = "Error 2 \"Error Command Structure\": Missing 'connection' info for master node";
            List<String> expected = successes(30);
            expected.add("31: " + error);
            assertEquals(expected, steps);
            assertEquals(error, r.describe());
            // The steps before it ran; none after it (no publisher policy, no publisher).
            assertTrue(n.ok("get processes").contains("\r\n    TCP            |Running     |Listening on: 127.0.0.1:"
                + n.tcpPort()));
            assertTrue(n.ok("get processes").contains("\r\n    Publisher      |Not declared|"));
            assertEquals("0", n.ok("blockchain get * bring.count"));
        }
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
