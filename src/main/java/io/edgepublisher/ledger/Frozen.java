package io.edgepublisher.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-preserving, unmodifiable copies of parsed JSON values. Policies are shared between the ledger
 * snapshot, queries and the routing index on many threads, so nobody may change them after construction.
 */
final class Frozen {
    private Frozen() {
    }

    /** A deep copy in which every map and list is unmodifiable; scalars are immutable already. */
    static Object copy(Object value) {
        if (value instanceof Map) {
            return copyMap((Map<?, ?>) value);
        }
        if (value instanceof List) {
            List<?> src = (List<?>) value;
            List<Object> out = new ArrayList<>(src.size());
            for (Object o : src) {
                out.add(copy(o));
            }
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    static Map<String, Object> copyMap(Map<?, ?> src) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, src.size() * 2));
        for (Map.Entry<?, ?> e : src.entrySet()) {
            out.put(String.valueOf(e.getKey()), copy(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Makes a freshly parsed value unmodifiable without copying it: nested maps and lists are wrapped in place.
     * Only for values nobody else holds (straight from the parser); it saves a copy per ledger line.
     */
    @SuppressWarnings("unchecked")
    static Object freezeInPlace(Object value) {
        if (value instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map || v instanceof List) {
                    e.setValue(freezeInPlace(v));
                }
            }
            return Collections.unmodifiableMap((Map<String, Object>) value);
        }
        if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            list.replaceAll(v -> v instanceof Map || v instanceof List ? freezeInPlace(v) : v);
            return Collections.unmodifiableList(list);
        }
        return value;
    }

    /** A shallow, modifiable, order-preserving copy of an attribute object (for building a changed policy). */
    static LinkedHashMap<String, Object> mutableCopy(Map<String, Object> src) {
        return new LinkedHashMap<>(src);
    }
}
