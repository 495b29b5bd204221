package io.edgepublisher.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser that keeps what AnyLog depends on and general-purpose libraries tend to lose: member order
 * (objects become {@link LinkedHashMap}), duplicate keys resolved as Python does (last value, first position), and
 * the integer/float distinction of the text (integers become {@link Long} or {@link BigInteger}, numbers with
 * {@code .}, {@code e} or {@code E} become {@link Double}). {@code null} becomes Java {@code null}.
 */
public final class JsonParser {
    private final CharSequence text;
    private int pos;

    private JsonParser(CharSequence text) {
        this.text = text;
    }

    /** Parses exactly one JSON value; white space around it is allowed, anything else is an error. */
    public static Object parse(CharSequence text) throws JsonException {
        JsonParser p = new JsonParser(text);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    /** Parses a JSON object; any other value is an error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(CharSequence text) throws JsonException {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new JsonException("JSON value is not an object", 0);
        }
        return (Map<String, Object>) v;
    }

    private static final int MAX_DEPTH = 512;

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            String key = string();
            skipWs();
            if (peek() != ':') {
                throw error("expected ':' after member name");
            }
            pos++;
            skipWs();
            map.put(key, value(depth + 1));
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return map;
            } else {
                throw error("expected ',' or '}' in object");
            }
        }
    }

    private List<Object> array(int depth) throws JsonException {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWs();
            list.add(value(depth + 1));
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return list;
            } else {
                throw error("expected ',' or ']' in list");
            }
        }
    }

    private String string() throws JsonException {
        int start = ++pos;
        // Fast path: no escapes.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = text.subSequence(start, pos).toString();
                pos++;
                return s;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        cp = cp * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) cp);
                    break;
                default:
                    pos--;
                    throw error("bad escape '\\" + e + "'");
            }
        }
        throw error("unterminated string");
    }

    private Object number() throws JsonException {
        int start = pos;
        boolean isFloat = false;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number");
        }
        if (peek() == '.') {
            isFloat = true;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number: digit expected after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        char c = peek();
        if (c == 'e' || c == 'E') {
            isFloat = true;
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number: digit expected in exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        String s = text.subSequence(start, pos).toString();
        if (isFloat) {
            return Double.parseDouble(s);
        }
        int digits = s.length() - (s.charAt(0) == '-' ? 1 : 0);
        if (digits <= 18) {
            return Long.parseLong(s);
        }
        BigInteger big = new BigInteger(s);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private Object literal(String word, Object value) throws JsonException {
        if (pos + word.length() <= text.length() && text.subSequence(pos, pos + word.length()).toString().equals(word)) {
            pos += word.length();
            return value;
        }
        throw error("unexpected word");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWs() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private JsonException error(String what) {
        return new JsonException(what + " at position " + pos, pos);
    }
}
