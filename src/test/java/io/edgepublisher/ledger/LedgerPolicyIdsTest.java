package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.command.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the ids of the example ledgers. What EdgeLake hashed is the attribute object as it stood before the id
 * was appended: the attributes that precede {@code id}, with the child cluster's table entries still without the
 * {@code status} EdgeLake adds afterwards (policy-ids.json → ledger_policies).
 */
class LedgerPolicyIdsTest {
    /** The attributes before {@code id}; for clusters, table entries without {@code status}. */
    static Map<String, Object> asHashed(Policy p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
            if (e.getKey().equals(Policy.ID)) {
                break;
            }
            Object value = e.getValue();
            if (p.type().equals("cluster") && e.getKey().equals("table") && value instanceof List) {
                List<Object> entries = new ArrayList<>();
                for (Object entry : (List<?>) value) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) entry);
                    copy.remove("status");
                    entries.add(copy);
                }
                value = entries;
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    static List<Policy> lines(String path) {
        List<Policy> out = new ArrayList<>();
        for (String line : Vectors.text(path).split("\n")) {
            out.add(PolicyText.parseRewritten(line, ErrorCode.BLOCKCHAIN_STRUCTURE));
        }
        return out;
    }

    @Test
    void ledgerPoliciesReproduceTheirIdsAndHashedStrings() {
        JsonNode expected = Vectors.json("policy-ids.json").get("ledger_policies");
        List<Policy> ledger = lines("ledger/blockchain.json");
        assertEquals(expected.size(), ledger.size());
        for (int i = 0; i < ledger.size(); i++) {
            Policy p = ledger.get(i);
            JsonNode e = expected.get(i);
            assertEquals(e.get("type").asText(), p.type());
            assertEquals(e.get("hashed_string").asText(), PolicyId.hashedString(p.type(), asHashed(p)));
            assertEquals(e.get("id").asText(), PolicyId.compute(p.type(), asHashed(p)));
            assertEquals(e.get("id").asText(), p.id());
        }
    }

    @Test
    void everyPolicyOfBothLedgerFilesHasItsRecomputedId() {
        for (String file : new String[] {"ledger/blockchain.json", "ledger/blockchain-6-policies.json"}) {
            List<Policy> ledger = lines(file);
            for (Policy p : ledger) {
                assertEquals(p.id(), PolicyId.compute(p.type(), asHashed(p)), file + ": " + p);
            }
        }
        assertEquals(6, lines("ledger/blockchain-6-policies.json").size());
    }

    @Test
    void fieldStringRendersTheStoredTableListWithPythonStr() {
        Policy child = lines("ledger/blockchain.json").get(4);
        Map<String, Object> withStatus = new LinkedHashMap<>(asHashed(child));
        withStatus.put("table", child.get("table"));
        assertEquals("cluster:company:BarsTest:name:cluster1:parent:a348b78d517d27861715310c7d57a7ef:table:"
            + "[{'dbms': 'test', 'name': 'conformance', 'status': 'active'}]:",
            PolicyId.hashedString("cluster", withStatus));
    }
}
