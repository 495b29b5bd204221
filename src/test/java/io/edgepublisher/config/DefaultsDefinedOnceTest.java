package io.edgepublisher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The node's defaults live in the bundled application.properties only: the imported dictionary equals them, the
 * precedence file &lt; ENV &lt; --KEY=value holds over them, and no main source or boot script repeats their values.
 */
class DefaultsDefinedOnceTest {
    /** ENV name in application.properties → the dictionary key EnvImport fills from it. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("ANYLOG_SERVER_PORT", "anylog_server_port");
        KEYS.put("ANYLOG_REST_PORT", "anylog_rest_port");
        KEYS.put("DB_TYPE", "db_type");
        KEYS.put("DB_IP", "db_ip");
        KEYS.put("DB_PORT", "db_port");
        KEYS.put("BLOCKCHAIN_SYNC", "blockchain_sync");
        KEYS.put("EP_TCP_IDLE_TIMEOUT", "tcp_idle_timeout");
        KEYS.put("LEDGER_CONN", "ledger_conn");
        KEYS.put("EP_TCP_MAX_MESSAGE", "tcp_max_message");
        KEYS.put("TCP_BIND", "tcp_bind");
        KEYS.put("TCP_THREADS", "tcp_threads");
        KEYS.put("REST_BIND", "rest_bind");
        KEYS.put("REST_THREADS", "rest_threads");
        KEYS.put("REST_TIMEOUT", "rest_timeout");
        KEYS.put("REST_SSL", "rest_ssl");
        KEYS.put("EP_REST_MAX_BODY", "rest_max_body");
        KEYS.put("EP_REST_AUTH", "rest_auth");
        KEYS.put("BROKER_BIND", "broker_bind");
        KEYS.put("BROKER_THREADS", "broker_threads");
        KEYS.put("EP_BROKER_SSL", "broker_ssl");
        KEYS.put("COMPANY_NAME", "company_name");
        KEYS.put("LOCATION", "loc");
        KEYS.put("COUNTRY", "country");
        KEYS.put("STATE", "state");
        KEYS.put("CITY", "city");
        KEYS.put("IS_HIDDEN", "is_hidden");
        KEYS.put("AUTOCOMMIT", "autocommit");
        KEYS.put("SYSTEM_QUERY", "system_query");
        KEYS.put("MEMORY", "memory");
        KEYS.put("QUERY_POOL", "query_pool");
        KEYS.put("THRESHOLD_TIME", "threshold_time");
        KEYS.put("THRESHOLD_VOLUME", "threshold_volume");
        KEYS.put("EP_JOURNAL_SYNC", "journal_sync");
        KEYS.put("ENABLE_MQTT", "enable_mqtt");
        KEYS.put("MQTT_PORT", "mqtt_port");
        KEYS.put("MQTT_LOG", "msg_log");
        KEYS.put("MSG_TOPIC", "msg_topic");
        KEYS.put("MSG_TABLE", "msg_table");
        KEYS.put("MSG_TIMESTAMP_COLUMN", "msg_timestamp_column");
        KEYS.put("MSG_VALUE_COLUMN", "msg_value_column");
        KEYS.put("MSG_VALUE_COLUMN_TYPE", "msg_value_column_type");
        KEYS.put("EP_MSG_QOS", "msg_qos");
        KEYS.put("COMPRESS_FILE", "compress_file");
        KEYS.put("MOVE_JSON", "move_json");
        KEYS.put("ARCHIVE", "archive");
        KEYS.put("ARCHIVE_SQL", "archive_sql");
        KEYS.put("ARCHIVE_DELETE", "archive_delete");
        KEYS.put("DBMS_FILE_LOCATION", "dbms_file_location");
        KEYS.put("TABLE_FILE_LOCATION", "table_file_location");
        KEYS.put("EP_COMPRESS_TRANSIT", "compress_transit");
        KEYS.put("EP_PUBLISHER_THREADS", "publisher_threads");
        KEYS.put("EP_RETRY_MIN", "retry_min");
        KEYS.put("EP_RETRY_MAX", "retry_max");
        KEYS.put("EP_RETRY_LIMIT", "retry_limit");
        KEYS.put("EP_ACK_WAIT", "ack_wait");
        KEYS.put("EP_NO_ROUTE_TIMEOUT", "no_route_timeout");
        KEYS.put("EP_NEW_TABLE_CLUSTER", "new_table_cluster");
        KEYS.put("EP_ERR_DIR_MAX_FILES", "err_dir_max_files");
        KEYS.put("EP_ERR_DIR_MAX_SIZE", "err_dir_max_size");
        KEYS.put("DEPLOY_LOCAL_SCRIPT", "deploy_local_script");
        KEYS.put("TRACE_LEVEL", "trace_level");
        KEYS.put("ENABLE_TRACEBACK", "enable_traceback");
        KEYS.put("DISABLE_CLI", "disable_cli");
        KEYS.put("ENABLE_DNS", "enable_dns");
    }

    private static Dictionary imported(Map<String, String> file, Map<String, String> env, Map<String, String> args,
                                       List<String> warnings) {
        Dictionary d = new Dictionary();
        Map<String, String> a = new LinkedHashMap<>(args);
        a.putIfAbsent("LOCAL_IP", "10.1.2.3");
        warnings.addAll(EnvImport.apply(Settings.of(file, env, a), d, "host"));
        return d;
    }

    @Test
    void theImportedDictionaryEqualsTheBundledDefaults() {
        Map<String, String> bundled = Settings.bundledDefaults();
        Dictionary d = imported(Map.of(), Map.of(), Map.of(), new ArrayList<>());
        for (Map.Entry<String, String> k : KEYS.entrySet()) {
            String def = bundled.get(k.getKey());
            assertTrue(def != null, k.getKey() + " has no default in application.properties");
            String expected = switch (k.getKey()) {
                case "BLOCKCHAIN_SYNC", "EP_TCP_IDLE_TIMEOUT", "THRESHOLD_TIME", "EP_RETRY_MIN", "EP_RETRY_MAX",
                    "EP_ACK_WAIT", "EP_NO_ROUTE_TIMEOUT" -> ValueParsing.time(def);
                case "LEDGER_CONN" -> def.replace("${ip}", "10.1.2.3");
                default -> def;
            };
            assertEquals(expected, d.get(k.getValue()), k.getKey() + " → " + k.getValue());
        }
        assertEquals("10.1.2.3:32048", d.get("ledger_conn"));
        assertEquals("30 seconds", d.get("blockchain_sync"));
        assertEquals(d.get("blockchain_sync"), d.get("sync_time"));
    }

    @Test
    void fileThenEnvThenArgumentsOverTheDefaults() {
        assertEquals("1111", imported(Map.of("DB_PORT", "1111"), Map.of(), Map.of(), new ArrayList<>()).get("db_port"));
        assertEquals("2222", imported(Map.of("DB_PORT", "1111"), Map.of("DB_PORT", "2222"), Map.of(),
            new ArrayList<>()).get("db_port"));
        assertEquals("3333", imported(Map.of("DB_PORT", "1111"), Map.of("DB_PORT", "2222"), Map.of("DB_PORT", "3333"),
            new ArrayList<>()).get("db_port"));
        // a legacy name that is set wins over the default of the current name
        assertEquals("7 seconds", imported(Map.of(), Map.of("SYNC_TIME", "7"), Map.of(), new ArrayList<>())
            .get("blockchain_sync"));
        // LEDGER_CONN set to the empty string: a local-only ledger
        assertEquals(null, imported(Map.of(), Map.of(), Map.of("LEDGER_CONN", ""), new ArrayList<>()).get("ledger_conn"));
        List<String> warnings = new ArrayList<>();
        assertEquals("30 seconds", imported(Map.of(), Map.of("BLOCKCHAIN_SYNC", "often"), Map.of(), warnings)
            .get("blockchain_sync"));
        assertTrue(warnings.contains("BLOCKCHAIN_SYNC=often is not '<n> <unit>'; using 30 seconds"), warnings.toString());
        // a bad value falls back to the bundled default, and the warning names it
        warnings.clear();
        Dictionary bad = imported(Map.of(), Map.of("THRESHOLD_VOLUME", "lots", "REST_TIMEOUT", "soon", "TCP_THREADS", "many",
            "EP_RETRY_MAX", "later"), Map.of(), warnings);
        assertEquals("10KB", bad.get("threshold_volume"));
        assertEquals("20", bad.get("rest_timeout"));
        assertEquals("6", bad.get("tcp_threads"));
        assertEquals("5 minutes", bad.get("retry_max"));
        assertTrue(warnings.containsAll(List.of("THRESHOLD_VOLUME=lots is not a size; using 10KB",
            "REST_TIMEOUT=soon is not an integer; using 20", "TCP_THREADS=many is not an integer; using 6",
            "EP_RETRY_MAX=later is not '<n> <unit>'; using 5 minutes")), warnings.toString());
        // legacy names still win over the current name's default
        Dictionary legacy = imported(Map.of(), Map.of("MQTT_TOPIC_NAME", "t1", "MQTT_ENABLE", "false", "DEBUG_MODE", "true",
            "TCP_THREAD_POOL", "9"), Map.of(), new ArrayList<>());
        assertEquals("t1", legacy.get("msg_topic"));
        assertEquals("true", legacy.get("enable_traceback"));
        assertEquals("9", legacy.get("tcp_threads"));
    }

    /** The commands' own defaults (a hand-typed command without the key) are the node's, read from the file. */
    @Test
    void commandDefaultsAreTheBundledOnes() {
        assertEquals(6, Defaults.integer("TCP_THREADS"));
        assertEquals(16L << 20, Defaults.bytes("EP_TCP_MAX_MESSAGE"));
        assertEquals(1883, Defaults.integer("MQTT_PORT"));
        assertEquals(300, Defaults.seconds("EP_RETRY_MAX"));
        assertEquals(86_400, Defaults.seconds("EP_NO_ROUTE_TIMEOUT"));
    }

    /**
     * Each default value as code would spell it again; comment lines are not code. Values too common to search for
     * alone (true, 0, 4) are searched as the option or dictionary key they would default.
     */
    private static final List<Pattern> REDEFINITIONS = List.of(
        Pattern.compile("\\b32248\\b"), Pattern.compile("\\b32249\\b"), Pattern.compile("\\b32048\\b"),
        Pattern.compile("\\b5432\\b"), Pattern.compile("\"30 seconds\""), Pattern.compile("\\b30_?000L?\\b.*sync",
            Pattern.CASE_INSENSITIVE), Pattern.compile("sync.*\\b30_?000L?\\b", Pattern.CASE_INSENSITIVE),
        // buffers
        Pattern.compile("\"60 seconds\""), Pattern.compile("\"10KB\""),
        // publisher retries, back-off, threads, waits
        Pattern.compile("\"1 second\""), Pattern.compile("\"5 minutes\""), Pattern.compile("\"10 seconds\""),
        Pattern.compile("\"24 hours\""), Pattern.compile("no_route.*\\b86_?400\\b"),
        Pattern.compile("\"(retry_min\", *1|retry_max\", *300|retry_limit\", *0|ack_wait\", *10|threads\", *[456]"
            + "|timeout\", *20|port\", *1883)\\b"),
        Pattern.compile("Duration\\.of(Hours\\(24|Minutes\\(5)\\)"),
        // MQTT
        Pattern.compile("\\b1883\\b"), Pattern.compile("\"anylog-demo\""), Pattern.compile("\"bring \\[(table|timestamp|value)]\""),
        // REST, TCP, limits
        Pattern.compile("\"(16|64)MB\""), Pattern.compile("\"1GB\""),
        Pattern.compile("\"10_?000\""), Pattern.compile("\\b10_000\\b.*err", Pattern.CASE_INSENSITIVE),
        // identity, files
        Pattern.compile("\"New Company\""), Pattern.compile("\"file_name\\[[01]]\""),
        // journal, new tables
        Pattern.compile("\"journal_sync\", *\"always\""), Pattern.compile("\"new_table_cluster\", *NewTableCluster"));

    @Test
    void noMainSourceOrBootScriptRepeatsADefault() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/main/resources")))) {
            files = s.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".al")
                || p.toString().endsWith(".yaml")).toList();
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).trim();
                if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//") || code.startsWith("#")) {
                    continue;
                }
                int comment = code.indexOf("//");
                String c = comment >= 0 ? code.substring(0, comment) : code;
                for (Pattern p : REDEFINITIONS) {
                    if (p.matcher(c).find()) {
                        found.add(f + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "defaults belong in application.properties (read them with config.Defaults):\n"
            + String.join("\n", found));
    }
}
