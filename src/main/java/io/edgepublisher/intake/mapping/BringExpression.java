package io.edgepublisher.intake.mapping;

import io.edgepublisher.json.PyFloat;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code bring} expression (INTAKE.md §3.4): key paths such as {@code [a][b]} and literal words, concatenated
 * without separators; {@code []} in a path selects the current list element (one row per element). Immutable and
 * thread-safe; parsed once at registration.
 */
final class BringExpression {
    /** Result when a key is absent (or the value is JSON null inside a concatenation). */
    static final Object MISSING = new Object();
    /** Result when a concatenated part is an object or a list. */
    static final Object NOT_SCALAR = new Object();

    private final String text;
    private final Object[] parts; // String literal or Path
    private final Path[] listPaths;

    private BringExpression(String text, Object[] parts) {
        this.text = text;
        this.parts = parts;
        List<Path> lists = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Path && ((Path) p).listAt >= 0) {
                lists.add((Path) p);
            }
        }
        this.listPaths = lists.toArray(new Path[0]);
    }

    /**
     * If {@code text} (outer quotes removed) starts with the word {@code bring}, parses the rest; otherwise null.
     *
     * @throws IllegalArgumentException with the reason when the expression is malformed
     */
    static BringExpression parseIfBring(String text) {
        String t = Values.unquote(text.strip());
        if (t.length() < 5 || !t.regionMatches(true, 0, "bring", 0, 5)
                || (t.length() > 5 && t.charAt(5) != '[' && !Character.isWhitespace(t.charAt(5)))) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        int i = 5;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '[') {
                List<String> keys = new ArrayList<>();
                int listAt = -1;
                while (i < n && t.charAt(i) == '[') {
                    int close = t.indexOf(']', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("Missing ']' in bring expression: " + t);
                    }
                    String key = Values.unquote(t.substring(i + 1, close).strip());
                    if (key.isEmpty()) {
                        if (listAt >= 0) {
                            throw new IllegalArgumentException("Only one '[]' per key path is supported: " + t);
                        }
                        listAt = keys.size();
                        key = null;
                    }
                    keys.add(key);
                    i = close + 1;
                }
                parts.add(new Path(keys.toArray(new String[0]), listAt));
            } else if (c == '"' || c == '\'') {
                int close = t.indexOf(c, i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("Unterminated quote in bring expression: " + t);
                }
                parts.add(t.substring(i + 1, close));
                i = close + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(t.charAt(i)) && t.charAt(i) != '[' && t.charAt(i) != '"'
                        && t.charAt(i) != '\'') {
                    i++;
                }
                parts.add(t.substring(start, i));
            }
        }
        boolean anyPath = false;
        for (Object p : parts) {
            anyPath |= p instanceof Path;
        }
        if (!anyPath) {
            throw new IllegalArgumentException("Wrong 'bring' command in MQTT mapping: " + t);
        }
        return new BringExpression(t, parts.toArray());
    }

    /** True when a path uses {@code []}. */
    boolean hasList() {
        return listPaths.length > 0;
    }

    /** The largest list found at a {@code []} of this expression in {@code msg}; 0 when none. */
    int listLength(Map<String, Object> msg) {
        int max = 0;
        for (Path p : listPaths) {
            Object list = p.walk(msg, 0, p.listAt, 0);
            if (list instanceof List) {
                max = Math.max(max, ((List<?>) list).size());
            }
        }
        return max;
    }

    /**
     * Evaluates for row {@code row}. A single path yields the JSON value itself ({@link #MISSING} when absent);
     * several parts yield their concatenated text, {@link #MISSING} or {@link #NOT_SCALAR}.
     */
    Object evaluate(Map<String, Object> msg, int row) {
        if (parts.length == 1) {
            Path p = (Path) parts[0];
            return p.walk(msg, 0, p.keys.length, row);
        }
        StringBuilder sb = new StringBuilder(32);
        for (Object part : parts) {
            if (part instanceof String) {
                sb.append((String) part);
                continue;
            }
            Path p = (Path) part;
            Object v = p.walk(msg, 0, p.keys.length, row);
            if (v == MISSING || v == null) {
                return MISSING;
            }
            if (v instanceof String || v instanceof Long || v instanceof BigInteger) {
                sb.append(v);
            } else if (v instanceof Double) {
                sb.append(PyFloat.repr((Double) v));
            } else if (v instanceof Boolean) {
                sb.append((boolean) (Boolean) v ? "true" : "false");
            } else {
                return NOT_SCALAR;
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    /** A key path; {@code keys[listAt] == null} marks {@code []}. */
    private static final class Path {
        final String[] keys;
        final int listAt;

        Path(String[] keys, int listAt) {
            this.keys = keys;
            this.listAt = listAt;
        }

        /** Follows keys {@code [from, to)} from {@code value}; {@code []} takes element {@code row}. */
        Object walk(Object value, int from, int to, int row) {
            Object cur = value;
            for (int k = from; k < to; k++) {
                String key = keys[k];
                if (cur instanceof Map) {
                    if (key == null) {
                        return MISSING;
                    }
                    Map<?, ?> m = (Map<?, ?>) cur;
                    cur = m.get(key);
                    if (cur == null && !m.containsKey(key)) {
                        return MISSING;
                    }
                } else if (cur instanceof List) {
                    List<?> l = (List<?>) cur;
                    int index = key == null ? row : Values.index(key);
                    if (index < 0 || index >= l.size()) {
                        return MISSING;
                    }
                    cur = l.get(index);
                } else {
                    return MISSING;
                }
            }
            return cur;
        }
    }
}
