package io.edgepublisher.ledger;

import io.edgepublisher.json.PyRepr;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy id of LEDGER.md §3.1 step 4.2: md5 of the Python representation of the policy (§3.2), or of the field
 * string for {@code table} and {@code cluster} policies (§3.3).
 */
public final class PolicyId {
    private static final Map<String, List<String>> FIELDS = Map.of(
        "table", List.of("company", "name", "dbms"),
        "cluster", List.of("company", "name", "parent", "table"));

    private PolicyId() {
    }

    /**
     * The string that is hashed. {@code attributes} must not contain {@code id}, {@code date} or {@code ledger}
     * (the preparer removes them first).
     */
    public static String hashedString(String type, Map<String, Object> attributes) {
        List<String> fields = FIELDS.get(type);
        if (fields == null) {
            Map<String, Object> root = new LinkedHashMap<>(2);
            root.put(type, attributes);
            return PyRepr.repr(root);
        }
        StringBuilder sb = new StringBuilder(type).append(':');
        for (String f : fields) {
            if (attributes.containsKey(f)) {
                // Python str(): strings bare, everything else (also None) as repr
                sb.append(f).append(':').append(PyRepr.str(attributes.get(f))).append(':');
            }
        }
        return sb.toString();
    }

    /**
     * The string hashed for a policy that has no id yet: its attributes without {@code date} and {@code ledger}
     * (for diagnostics; {@link PolicyPreparer} computes ids).
     */
    public static String hashedString(Policy policy) {
        Map<String, Object> attrs = new LinkedHashMap<>(policy.attributes());
        attrs.remove(Policy.DATE);
        attrs.remove(Policy.LEDGER);
        return hashedString(policy.type(), attrs);
    }

    /** The id: 32 lower-case hex digits of the md5 of the UTF-8 bytes of {@link #hashedString}. */
    public static String compute(String type, Map<String, Object> attributes) {
        return Md5.hex(hashedString(type, attributes).getBytes(StandardCharsets.UTF_8));
    }
}
