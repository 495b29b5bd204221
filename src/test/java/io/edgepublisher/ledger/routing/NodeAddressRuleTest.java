package io.edgepublisher.ledger.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.json.JsonParser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAddressRuleTest {
    static Optional<String> address(NodeAddressRule rule, String json) throws Exception {
        return rule.address(JsonParser.parseObject(json.replace('\'', '"')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "100.64.0.1",
        "100.127.255.255", " 10.0.0.1 "})
    void privateAndLocalRanges(String ip) {
        assertTrue(IpRanges.isPrivateOrLocal(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"172.15.0.1", "172.32.0.1", "192.169.0.1", "100.63.0.1", "100.128.0.1", "8.8.8.8",
        "localhost", "10.0.0", "10.0.0.256", "10.0.0.1.1", "::1", "", "1O.0.0.1"})
    void notPrivate(String ip) {
        assertFalse(IpRanges.isPrivateOrLocal(ip));
    }

    @Test
    void rulesOfLedgerSection64() throws Exception {
        NodeAddressRule rule = new NodeAddressRule("203.0.113.10", "10.0.0.5");
        assertEquals(Optional.empty(), address(rule, "{'ip': '10.0.0.1'}"));
        assertEquals(Optional.empty(), address(rule, "{'ip': '10.0.0.1', 'port': 0}"));
        assertEquals(Optional.empty(), address(rule, "{'port': 1}"));
        assertEquals(Optional.of("10.0.0.1:32148"), address(rule, "{'ip': '10.0.0.1', 'port': 32148}"));
        assertEquals(Optional.of("10.0.0.1:32148"), address(rule, "{'ip': '10.0.0.1', 'port': '32148'}"));
        assertEquals(Optional.of("10.0.0.7:32158"), address(rule,
            "{'ip': '203.0.113.10', 'local_ip': '10.0.0.7', 'port': 32148, 'local_port': 32158}"));
        assertEquals(Optional.of("10.0.0.5:32148"), address(rule, "{'ip': '203.0.113.10', 'port': 32148}"));
        assertEquals(Optional.of("198.51.100.1:32148"),
            address(rule, "{'ip': '198.51.100.1', 'local_ip': '10.0.0.7', 'port': 32148}"));
        // a private policy ip is used as it is even when it equals our external ip
        NodeAddressRule privateExternal = new NodeAddressRule("10.0.0.1", "10.0.0.5");
        assertEquals(Optional.of("10.0.0.1:1"), address(privateExternal, "{'ip': '10.0.0.1', 'local_ip': 'x', 'port': 1}"));
        NodeAddressRule noExternal = new NodeAddressRule(null, "10.0.0.5");
        assertEquals(Optional.of("203.0.113.10:1"), address(noExternal, "{'ip': '203.0.113.10', 'port': 1}"));
        assertEquals(Optional.empty(), new NodeAddressRule(null, null).address(Map.of("ip", 5L, "port", 1L)));
    }
}
