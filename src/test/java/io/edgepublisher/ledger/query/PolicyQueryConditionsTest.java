package io.edgepublisher.ledger.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.json.JsonParser;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Conditions and brings on synthetic policies: lists, {@code *}, booleans, floats, nesting, addresses. */
class PolicyQueryConditionsTest {
    static final List<Policy> LEDGER = new ArrayList<>();

    static {
        for (String json : new String[] {
            "{\"member\": {\"name\": \"m1\", \"groups\": [\"a\", \"B\"], \"main\": true, \"weight\": 1.5, "
                + "\"company\": \"*\", \"nested\": {\"x\": {\"y\": 7}}, \"id\": \"i1\", \"date\": \"2026-01-01T00:00:00.000000Z\"}}",
            "{\"member\": {\"name\": \"m2\", \"groups\": [], \"main\": false, \"weight\": 20, "
                + "\"company\": \"Acme\", \"id\": \"i2\", \"date\": \"2026-01-01T00:00:00.000000Z\"}}",
            "{\"operator\": {\"name\": \"far\", \"ip\": \"203.0.113.10\", \"local_ip\": \"10.0.0.7\", \"port\": 32148, "
                + "\"local_port\": 32158}}",
            "{\"operator\": {\"name\": \"near\", \"ip\": \"203.0.113.10\", \"port\": 32148}}",
            "{\"operator\": {\"name\": \"public\", \"ip\": \"198.51.100.4\", \"port\": \"32148\"}}",
            "{\"operator\": {\"name\": \"noport\", \"ip\": \"198.51.100.4\"}}",
        }) {
            try {
                LEDGER.add(Policy.of(JsonParser.parse(json)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String names(String command) {
        return PolicyQuery.parse(PolicyQueryTest.words(command + " bring [*][name] separator = ,"))
            .evaluate(LEDGER, new NodeAddressRule("203.0.113.10", "10.0.0.5")).text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "member where groups with [x, b]|m1",
        "member where groups with [\"x\", 'a']|m1",
        "member where groups with c|''",
        "member where name with [m2, m3]|m2",
        "member where groups = A|m1",
        "member where groups != a|''",
        "member where company = anything|m1",
        "member where main = TRUE|m1",
        "member where main = false|m2",
        "member where weight = 1.50|m1",
        "member where weight > 1 and weight < 2|m1",
        "member where weight >= 20|m2",
        "member where weight < 1e2|m1,m2",
        "member where nested[x][y] = 7|m1",
        "member where [nested][x][y] > 6.5|m1",
        "member where nested[x] = 7|''",
        "member where name >= M2|m2",
        "member where name < m2|m1",
        "member where groups[0] = a|m1",
        "* where port = 32148|far,near,public",
        "operator where local_port != 1|far",
    })
    void condition(String query, String expected) {
        assertEquals(expected, names(query));
    }

    @Test
    void addressesFollowTheNodeAddressRule() {
        String out = PolicyQuery.parse(List.of("operator", "bring.ip_port"))
            .evaluate(LEDGER, new NodeAddressRule("203.0.113.10", "10.0.0.5")).text();
        assertEquals("10.0.0.7:32158,10.0.0.5:32148,198.51.100.4:32148", out);
    }

    @Test
    void recentAmongEqualDatesIsTheLaterPolicy() {
        assertEquals("m2", PolicyQuery.parse(List.of("member", "bring.recent", "[member][name]"))
            .evaluate(LEDGER, null).text());
    }

    @Test
    void booleansAndFloatsPrintAsPython() {
        assertEquals("True/1.5,False/20", PolicyQuery.parse(PolicyQueryTest.words(
            "member bring [member][main] / [member][weight] separator = ,")).evaluate(LEDGER, null).text());
        assertEquals("a,B", PolicyQuery.parse(List.of("member", "bring", "[member][groups]")).evaluate(LEDGER, null)
            .text());
    }
}
