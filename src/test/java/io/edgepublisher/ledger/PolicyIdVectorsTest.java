package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of policy-ids.json, per its {@code test} kind. */
class PolicyIdVectorsTest {
    static Stream<JsonNode> vectors() {
        List<JsonNode> out = new ArrayList<>();
        Vectors.json("policy-ids.json").get("vectors").forEach(out::add);
        assertEquals(29, out.size());
        return out.stream();
    }

    private static PolicyPreparer at(String date) {
        return new PolicyPreparer(Clock.fixed(Instant.parse(date), ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector(JsonNode v) {
        String kind = v.get("test").asText();
        String input = v.get("input_text").asText();
        JsonNode rest = v.get("rest_prepare");
        JsonNode tcp = v.get("tcp_push");
        switch (kind) {
            case "assert_id":
            case "id_kept": {
                Policy parsed = PolicyText.parse(input, ErrorCode.POLICY_STRUCTURE);
                Policy prepared = at(rest.get("date").asText()).prepare(parsed).policy();
                assertEquals(v.get("id").asText(), prepared.id());
                // the whole prepared text, as EdgeLake stored it back into the variable
                assertEquals(rest.get("prepared_text").asText(), prepared.toJson());
                if (!rest.get("hashed_string").isNull()) {
                    assertEquals(rest.get("hashed_string").asText(), hashedString(parsed));
                }
                if (tcp.has("stored_policy")) {
                    Policy viaTcp = at(tcp.get("date").asText())
                        .prepare(PolicyText.parse(input, ErrorCode.JSON_STRUCTURE)).policy();
                    assertEquals(tcp.get("stored_policy").asText(), viaTcp.toJson());
                }
                break;
            }
            case "assert_route_ids": {
                byte[] raw = HexFormat.of().parseHex(v.get("input_text_utf8_hex").asText());
                assertEquals(input, new String(raw, StandardCharsets.UTF_8));
                Policy viaRest = at(rest.get("date").asText()).prepare(
                    PolicyText.parse(new String(raw, StandardCharsets.ISO_8859_1), ErrorCode.POLICY_STRUCTURE))
                    .policy();
                assertEquals(rest.get("id").asText(), viaRest.id());
                assertEquals(rest.get("prepared_text").asText(), viaRest.toJson());
                Policy viaTcp = at(tcp.get("date").asText()).prepare(
                    PolicyText.parse(new String(raw, StandardCharsets.UTF_8), ErrorCode.JSON_STRUCTURE)).policy();
                assertEquals(tcp.get("id").asText(), viaTcp.id());
                assertEquals(tcp.get("stored_policy").asText(), viaTcp.toJson());
                break;
            }
            case "expect_error": {
                CommandException overRest = assertThrows(CommandException.class,
                    () -> PolicyText.parse(input, ErrorCode.POLICY_STRUCTURE));
                assertEquals(87, overRest.code());
                assertTrue(rest.get("prepare_reply").asText().contains("\"err_code\": 87"));
                CommandException push = assertThrows(CommandException.class,
                    () -> PolicyText.parse(input, ErrorCode.JSON_STRUCTURE));
                assertEquals(6, push.code());
                break;
            }
            case "do_not_assert":
                // environment dependent (orjson version); it must still prepare without failing
                at("2026-11-28T11:08:21.189839Z").prepare(PolicyText.parse(input, ErrorCode.POLICY_STRUCTURE));
                break;
            default:
                throw new AssertionError("unknown test kind " + kind);
        }
    }

    static String hashedString(Policy p) {
        return PolicyId.hashedString(p);
    }
}
