package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyPreparerTest {
    private static final PolicyPreparer AT_PUSH =
        new PolicyPreparer(Clock.fixed(Instant.parse("2026-11-28T11:07:16.424329Z"), ZoneOffset.UTC));

    private static Policy parse(String text) {
        return PolicyText.parse(text, ErrorCode.POLICY_STRUCTURE);
    }

    private static String id(String text) {
        return AT_PUSH.prepare(parse(text)).policy().id();
    }

    @Test
    void workedExamplesOfLedgerSection34() {
        assertEquals("2bb4222c28ff39287f950f98bc50d9f6", id("{\"master\": {\"name\": \"master1\", \"company\": "
            + "\"BarsTest\", \"ip\": \"127.0.0.1\", \"port\": 32048, \"rest_port\": 32049}}"));
        assertEquals("a72bbf020bce3cf8bba9dbc19d259a32", id("{\"operator\": {\"name\": \"operator1\", \"company\": "
            + "\"BarsTest\", \"ip\": \"127.0.0.1\", \"port\": 32148, \"rest_port\": 32149, \"cluster\": "
            + "\"a348b78d517d27861715310c7d57a7ef\"}}"));
        assertEquals("a348b78d517d27861715310c7d57a7ef",
            id("{\"cluster\": {\"name\": \"cluster1\", \"company\": \"BarsTest\"}}"));
        assertEquals("724386fc1b1c04de656293c299455ae6", id("{\"cluster\": {\"parent\": "
            + "\"a348b78d517d27861715310c7d57a7ef\", \"name\": \"cluster1\", \"company\": \"BarsTest\", \"table\": "
            + "[{\"dbms\": \"test\", \"name\": \"conformance\"}], \"source\": \"Node at 127.0.0.1:32148\"}}"));
        assertEquals("a733e9a503848421d48436b4eb78713f",
            id("{\"table\": {\"name\": \"conformance\", \"dbms\": \"test\", \"create\": \"CREATE TABLE x\"}}"));
        Policy pub = parse("{\"publisher\": {\"hostname\": \"edge-pub-1\", \"name\": \"anylog-publisher\", \"ip\": "
            + "\"203.0.113.10\", \"local_ip\": \"10.0.0.5\", \"company\": \"AnyLog Co.\", \"port\": 32248, "
            + "\"rest_port\": 32249, \"loc\": \"37.3394,-121.8950\", \"country\": \"US\", \"state\": "
            + "\"California\", \"city\": \"San Jose\"}}");
        assertEquals("{'publisher': {'hostname': 'edge-pub-1', 'name': 'anylog-publisher', 'ip': '203.0.113.10', "
            + "'local_ip': '10.0.0.5', 'company': 'AnyLog Co.', 'port': 32248, 'rest_port': 32249, "
            + "'loc': '37.3394,-121.8950', 'country': 'US', 'state': 'California', 'city': 'San Jose'}}",
            PolicyId.hashedString(pub.type(), pub.attributes()));
        assertEquals("45162b36ea8d41769be33466a1b7c63e", AT_PUSH.prepare(pub).policy().id());
    }

    @Test
    void quotingAndNumberCornerCase() {
        String json = "{\"publisher\": {\"name\": \"Bob's node\", \"note\": \"say \\\"hi\\\"\", \"both\": "
            + "\"it's \\\"x\\\"\", \"uni\": \"Z\\u00fcrich\", \"f\": 1.5, \"e\": 1e-05, \"big\": 1e16, \"b\": true, "
            + "\"n\": null, \"l\": [1, \"a\"]}}";
        Policy p = parse(json);
        assertEquals("{'publisher': {'name': \"Bob's node\", 'note': 'say \"hi\"', 'both': 'it\\'s \"x\"', "
            + "'uni': 'Z\u00fcrich', 'f': 1.5, 'e': 1e-05, 'big': 1e+16, 'b': True, 'n': None, 'l': [1, 'a']}}",
            PolicyId.hashedString(p.type(), p.attributes()));
        assertEquals("e60e9fa1867f056acb92368af78c1697", AT_PUSH.prepare(p).policy().id());
    }

    @Test
    void pushVectorIsReproducedExactly() {
        JsonNode sidecar = Vectors.json("frames/push/blockchain_push.json");
        Policy asSet = parse(Vectors.text("frames/push/data/policy-as-set.json").trim());
        Policy prepared = AT_PUSH.prepare(asSet).policy();
        assertEquals(sidecar.get("policy_id_computed_by_edgelake").asText(), prepared.id());
        assertEquals(sidecar.get("policy_date").asText(), prepared.date());
        assertEquals(sidecar.get("frames").get(0).get("command").asText(), PushCommands.push(prepared));
        // and the line EdgeLake appended to its own ledger
        assertEquals(Vectors.text("frames/push/data/local-ledger-line.json").trim(),
            prepared.withLedger(Policy.LOCAL).toJson());
        assertEquals("blockchain push\tignore " + prepared.withLedger(Policy.GLOBAL).toJson(),
            PushCommands.pushIgnore(prepared.withLedger(Policy.LOCAL)));
    }

    @Test
    void idWithoutDateGetsOnlyADateAtTheEnd() {
        Policy p = AT_PUSH.prepare(parse("{\"x\": {\"id\": \"abc\", \"ledger\": \"local\"}}")).policy();
        assertEquals("{\"x\": {\"id\": \"abc\", \"ledger\": \"local\", \"date\": \"2026-11-28T11:07:16.424329Z\"}}",
            p.toJson());
    }

    @Test
    void idAndDatePresentLeavesThePolicyUnchanged() {
        Policy p = parse("{\"x\": {\"id\": \"abc\", \"a\": 1, \"date\": \"d\"}}");
        assertSame(p, AT_PUSH.prepare(p).policy());
    }

    @Test
    void dateIsMicrosecondsUtcTruncated() {
        assertEquals("2026-01-02T03:04:05.000006Z",
            PolicyPreparer.formatDate(Instant.parse("2026-01-02T03:04:05.000006999Z")));
        assertEquals("2026-01-02T03:04:05.000000Z", PolicyPreparer.formatDate(Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void seedMasterRootKeyIsRenamedForOwnAddressBeforeTheId() {
        String seed = "{\"master\": {\"hostname\": \"edge-pub-1\", \"name\": \"anylog-publisher\", \"ip\": "
            + "\"203.0.113.10\", \"local_ip\": \"10.0.0.5\", \"company\": \"AnyLog Co.\", \"port\": 32248, "
            + "\"rest_port\": 32249, \"loc\": \"37.3394,-121.8950\", \"country\": \"US\", \"state\": "
            + "\"California\", \"city\": \"San Jose\"}}";
        PolicyPreparer.Prepared viaExternal =
            AT_PUSH.withSeedRename(List.of("203.0.113.10:32248")).prepare(parse(seed));
        assertTrue(viaExternal.renamedFromMaster());
        assertEquals("publisher", viaExternal.policy().type());
        assertEquals("45162b36ea8d41769be33466a1b7c63e", viaExternal.policy().id());
        PolicyPreparer.Prepared viaLocalIp = AT_PUSH.withSeedRename(List.of("10.0.0.5:32248")).prepare(parse(seed));
        assertEquals("publisher", viaLocalIp.policy().type());

        PolicyPreparer.Prepared otherPort = AT_PUSH.withSeedRename(List.of("10.0.0.5:32048")).prepare(parse(seed));
        assertFalse(otherPort.renamedFromMaster());
        assertEquals("master", otherPort.policy().type());
        assertFalse(AT_PUSH.prepare(parse(seed)).renamedFromMaster());
        // a real master policy elsewhere is never touched
        assertEquals("master", AT_PUSH.withSeedRename(List.of("203.0.113.10:32248"))
            .prepare(parse("{\"master\": {\"ip\": \"198.51.100.1\", \"port\": 32248}}")).policy().type());
    }

    @Test
    void wrongStructureIs87() {
        for (String bad : new String[] {"[]", "\"x\"", "{}", "{\"a\": 1}", "{\"a\": {}, \"b\": {}}", "{\"a\": []}"}) {
            CommandException e = assertThrows(CommandException.class, () -> parse(bad), bad);
            assertEquals(87, e.code(), bad);
        }
        assertEquals(6, assertThrows(CommandException.class,
            () -> PolicyText.parse("{\"a\": ", ErrorCode.JSON_STRUCTURE)).code());
    }

    @Test
    void rewriteReplacesEachCharacterAboveTildeAndControlCharacters() {
        assertEquals("{\"a\": \"Z rich \"}", PolicyText.rewrite("{\"a\": \"Z\u00fcrich\u007f\"}"));
        assertEquals("a b c  d", PolicyText.rewrite("a\tb\nc\uD83C\uDF21\u0001d"));
        assertEquals("\"x\"", PolicyText.rewrite("|x|"));
        String ascii = "{\"a\": \"plain ~ text\"}";
        assertSame(ascii, PolicyText.rewrite(ascii));
    }
}
