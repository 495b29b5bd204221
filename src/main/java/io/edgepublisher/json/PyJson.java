package io.edgepublisher.json;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Serialises values the way Python's {@code json.dumps} does with default settings: separators {@code ", "} and
 * {@code ": "}, insertion order, {@code ensure_ascii} (everything outside space..~ as lower-case {@code \}{@code uXXXX},
 * with the short escapes for {@code \n \r \t \b \f}), floats in {@code repr} form. EdgeLake writes its ledger,
 * policies and JSON outputs this way, so byte-equal output depends on it.
 */
public final class PyJson {
    private PyJson() {
    }

    public static String dumps(Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value);
        return sb.toString();
    }

    public static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            quote(sb, (String) value);
        } else if (value instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                quote(sb, String.valueOf(e.getKey()));
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
            sb.append(((Boolean) value) ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            sb.append(PyFloat.repr(((Number) value).doubleValue()));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Number) {
            sb.append(PyFloat.repr(((Number) value).doubleValue()));
        } else {
            quote(sb, value.toString());
        }
    }

    /** A JSON string literal with ASCII-only output. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        unicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u");
        String hex = Integer.toHexString(c);
        for (int k = hex.length(); k < 4; k++) {
            sb.append('0');
        }
        sb.append(hex);
    }
}
