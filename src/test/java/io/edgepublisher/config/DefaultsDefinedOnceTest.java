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
                case "BLOCKCHAIN_SYNC", "EP_TCP_IDLE_TIMEOUT" -> ValueParsing.time(def);
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
    }

    /** Each default value as code would spell it again; comment lines are not code. */
    private static final List<Pattern> REDEFINITIONS = List.of(
        Pattern.compile("\\b32248\\b"), Pattern.compile("\\b32249\\b"), Pattern.compile("\\b32048\\b"),
        Pattern.compile("\\b5432\\b"), Pattern.compile("\"30 seconds\""), Pattern.compile("\\b30_?000L?\\b.*sync",
            Pattern.CASE_INSENSITIVE), Pattern.compile("sync.*\\b30_?000L?\\b", Pattern.CASE_INSENSITIVE));

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
