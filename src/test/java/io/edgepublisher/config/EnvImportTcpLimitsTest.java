package io.edgepublisher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EP_TCP_IDLE_TIMEOUT and EP_TCP_MAX_MESSAGE: the TCP server's limits in the dictionary. */
class EnvImportTcpLimitsTest {
    private static Dictionary imported(Map<String, String> env, List<String> warnings) {
        Dictionary d = new Dictionary();
        warnings.addAll(EnvImport.apply(Settings.of(Map.of(), env, Map.of()), d, "host"));
        return d;
    }

    @Test
    void defaults() {
        Dictionary d = imported(Map.of(), new java.util.ArrayList<>());
        assertEquals("30 seconds", d.get("tcp_idle_timeout"));
        assertEquals("16MB", d.get("tcp_max_message"));
    }

    @Test
    void valuesAndBadValues() {
        List<String> warnings = new java.util.ArrayList<>();
        Dictionary d = imported(Map.of("EP_TCP_IDLE_TIMEOUT", "5", "EP_TCP_MAX_MESSAGE", "2MB"), warnings);
        assertEquals("5 seconds", d.get("tcp_idle_timeout"));
        assertEquals("2MB", d.get("tcp_max_message"));
        d = imported(Map.of("EP_TCP_IDLE_TIMEOUT", "soon", "EP_TCP_MAX_MESSAGE", "big"), warnings);
        assertEquals("30 seconds", d.get("tcp_idle_timeout"));
        assertEquals("16MB", d.get("tcp_max_message"));
        assertTrue(warnings.contains("EP_TCP_MAX_MESSAGE=big is not a size; using 16MB"), warnings.toString());
        assertTrue(warnings.contains("EP_TCP_IDLE_TIMEOUT=soon is not '<n> <unit>'; using 30 seconds"),
            warnings.toString());
    }
}
