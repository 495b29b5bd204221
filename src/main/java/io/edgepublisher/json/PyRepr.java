package io.edgepublisher.json;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()} of a parsed JSON value (LEDGER.md §3.2). Policy ids are the md5 of this text, so it must
 * match CPython character for character, including its choice of quotes and which characters it escapes.
 */
public final class PyRepr {
    private PyRepr() {
    }

    public static String repr(Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value);
        return sb.toString();
    }

    public static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("None");
        } else if (value instanceof String) {
            string(sb, (String) value);
        } else if (value instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<?>) value) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (value instanceof Boolean) {
            sb.append(((Boolean) value) ? "True" : "False");
        } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            // Python's str() of inf/nan differs from json.dumps' Infinity/NaN; JSON like 1e400 parses to inf.
            if (Double.isNaN(d)) {
                sb.append("nan");
            } else if (Double.isInfinite(d)) {
                sb.append(d > 0 ? "inf" : "-inf");
            } else {
                sb.append(PyFloat.repr(d));
            }
        } else {
            string(sb, value.toString());
        }
    }

    /** Python {@code str()} of a scalar inside a field string: strings bare, everything else as {@link #repr}. */
    public static String str(Object value) {
        return value instanceof String ? (String) value : repr(value);
    }

    public static void string(StringBuilder sb, String s) {
        char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        sb.append(quote);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').append((char) cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp < 0x20 || cp == 0x7f) {
                hex(sb, "\\x", cp, 2);
            } else if (cp < 0x7f) {
                sb.appendCodePoint(cp);
            } else if (isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                hex(sb, "\\x", cp, 2);
            } else if (cp <= 0xffff) {
                hex(sb, "\\u", cp, 4);
            } else {
                hex(sb, "\\U", cp, 8);
            }
        }
        sb.append(quote);
    }

    private static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    private static void hex(StringBuilder sb, String prefix, int cp, int width) {
        sb.append(prefix);
        String h = Integer.toHexString(cp);
        for (int k = h.length(); k < width; k++) {
            sb.append('0');
        }
        sb.append(h);
    }
}
