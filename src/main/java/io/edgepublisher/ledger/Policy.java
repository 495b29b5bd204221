package io.edgepublisher.ledger;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.json.PyRepr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One immutable policy: a JSON object with exactly one member (the type) whose value is the attribute object
 * (LEDGER.md §2.1). Attribute order and number types are kept exactly as parsed, because the id and the bytes of
 * the ledger depend on them.
 */
public final class Policy {
    public static final String ID = "id";
    public static final String DATE = "date";
    public static final String LEDGER = "ledger";
    public static final String LOCAL = "local";
    public static final String GLOBAL = "global";

    private final String type;
    private final Map<String, Object> attributes;
    private final Map<String, Object> root;
    private final String sourceLine;
    private volatile String json;

    private Policy(String type, Map<String, Object> attributes, String sourceLine) {
        this.type = type;
        this.attributes = attributes;
        Map<String, Object> r = new LinkedHashMap<>(2);
        r.put(type, attributes);
        this.root = Collections.unmodifiableMap(r);
        this.sourceLine = sourceLine;
    }

    /**
     * A policy from a parsed JSON value (copied deeply).
     *
     * @throws CommandException 87 when the value is not an object with one member whose value is an object
     */
    public static Policy of(Object parsed) {
        Map.Entry<?, ?> member = check(parsed);
        return new Policy(String.valueOf(member.getKey()), Frozen.copyMap((Map<?, ?>) member.getValue()), null);
    }

    /**
     * A policy from a value fresh from the parser that nobody else holds (frozen in place, not copied),
     * remembering the text line it was read from (kept byte-exact when rewriting files).
     */
    @SuppressWarnings("unchecked")
    static Policy ofParsedLine(Object parsed, String sourceLine) {
        check(parsed);
        Map.Entry<String, Object> member = ((Map<String, Object>) parsed).entrySet().iterator().next();
        return new Policy(member.getKey(), (Map<String, Object>) Frozen.freezeInPlace(member.getValue()),
            sourceLine);
    }

    private static Map.Entry<?, ?> check(Object parsed) {
        if (!(parsed instanceof Map) || ((Map<?, ?>) parsed).size() != 1) {
            throw new CommandException(ErrorCode.POLICY_STRUCTURE,
                "a policy must be a JSON object with exactly one member (the policy type)");
        }
        Map.Entry<?, ?> member = ((Map<?, ?>) parsed).entrySet().iterator().next();
        if (!(member.getValue() instanceof Map)) {
            throw new CommandException(ErrorCode.POLICY_STRUCTURE,
                "the value of policy type '" + member.getKey() + "' must be a JSON object");
        }
        return member;
    }

    /** A policy of the given type with the given attributes (copied deeply, order kept). */
    public static Policy of(String type, Map<String, Object> attributes) {
        return new Policy(type, Frozen.copyMap(attributes), null);
    }

    /** The policy type (root key), e.g. {@code operator}. */
    public String type() {
        return type;
    }

    /** The unmodifiable attribute object, in stored order. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** The unmodifiable one-member root object {@code {type: attributes}}. */
    public Map<String, Object> root() {
        return root;
    }

    /** An attribute value, or null when absent (or JSON null). */
    public Object get(String attribute) {
        return attributes.get(attribute);
    }

    /** A string attribute as text: strings as they are, other scalars as Python {@code str()}; null when absent. */
    public String text(String attribute) {
        Object v = attributes.get(attribute);
        return v == null ? null : PyRepr.str(v);
    }

    /** The {@code id} attribute as text, or null. */
    public String id() {
        return text(ID);
    }

    /** The {@code date} attribute as text, or null. */
    public String date() {
        return text(DATE);
    }

    /** True when {@code "ledger": "local"}. */
    public boolean isLocal() {
        return LOCAL.equals(attributes.get(LEDGER));
    }

    /**
     * This policy with {@code ledger} set to the value as its last attribute (LEDGER.md §4.3 steps 5–6), moved
     * there if it stood elsewhere.
     */
    public Policy withLedger(String ledger) {
        if (ledger.equals(attributes.get(LEDGER)) && lastKeyIs(LEDGER)) {
            return this;
        }
        Map<String, Object> attrs = Frozen.mutableCopy(attributes);
        attrs.remove(LEDGER);
        attrs.put(LEDGER, ledger);
        return new Policy(type, Collections.unmodifiableMap(attrs), null);
    }

    private boolean lastKeyIs(String key) {
        String last = null;
        for (String k : attributes.keySet()) {
            last = k;
        }
        return key.equals(last);
    }

    /** Python {@code json.dumps} of the policy (LEDGER.md §4.1), without a line end. */
    public String toJson() {
        String j = json;
        if (j == null) {
            j = PyJson.dumps(root);
            json = j;
        }
        return j;
    }

    /**
     * The text to store as this policy's ledger line: the line it was read from when it came from a file, otherwise
     * {@link #toJson()}. Keeping received lines byte-exact keeps the merged file's md5 stable.
     */
    public String line() {
        return sourceLine != null ? sourceLine : toJson();
    }

    /** Python {@code str()} of the policy (what EdgeLake prints to peers). */
    public String toPythonRepr() {
        return PyRepr.repr(root);
    }

    @Override
    public String toString() {
        return toJson();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy && ((Policy) o).root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
