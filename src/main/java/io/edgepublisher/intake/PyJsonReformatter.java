package io.edgepublisher.intake;

import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import java.util.Arrays;
import java.util.Map;

/**
 * A single-pass validating re-serialiser from JSON text to Python {@code json.dumps} text (separators {@code ", "}
 * and {@code ": "}, ASCII-only strings, floats in {@code repr} form, integers verbatim), without building objects.
 * It exists for the REST PUT hot path (REST.md §6.2), where the rows of a list must be re-serialised in well under a
 * microsecond each. Cases it does not decide itself (escaped or duplicate keys, whose Python meaning depends on
 * decoding and on dict semantics) go to the general parser.
 */
final class PyJsonReformatter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_DEPTH = 512;

    /** The text is not valid JSON. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    /** The text is valid so far but needs the general parser (escaped or duplicate member names). */
    static final class SlowPath extends Exception {
        private static final long serialVersionUID = 1L;

        SlowPath() {
            super(null, null, false, false);
        }
    }

    private static final Invalid INVALID = new Invalid();
    private static final SlowPath SLOW = new SlowPath();

    private final String s;
    private final int end;
    private final StringBuilder out;
    private int pos;
    private int[] keyStart = new int[32];
    private int[] keyEnd = new int[32];
    private int keyTop;

    private PyJsonReformatter(String s, StringBuilder out) {
        this.s = s;
        this.end = s.length();
        this.out = out;
    }

    /**
     * Re-serialises a top-level JSON list of objects, writing each element followed by {@code \n}: the one pass the
     * usual REST PUT body needs. Anything else — not a list, an element that is not an object, escaped or duplicate
     * member names — is reported and left to the element-wise path, which also says what is wrong.
     *
     * @return the number of elements
     */
    static int listOfObjects(String text, StringBuilder out) throws Invalid, SlowPath {
        PyJsonReformatter r = new PyJsonReformatter(text, out);
        r.skipWs();
        if (r.peek() != '[') {
            throw INVALID;
        }
        r.pos++;
        r.skipWs();
        int rows = 0;
        if (r.peek() == ']') {
            r.pos++;
        } else {
            while (true) {
                r.skipWs();
                if (r.peek() != '{') {
                    throw INVALID;
                }
                r.value(1);
                out.append('\n');
                rows++;
                r.skipWs();
                char c = r.peek();
                r.pos++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw INVALID;
                }
            }
        }
        r.skipWs();
        if (r.pos != r.end) {
            throw INVALID;
        }
        return rows;
    }

    /**
     * Re-serialises one JSON value (white space around allowed), e.g. one element of a list, as Python's
     * {@code json.dumps} does; escaped or duplicate member names are left to the general parser.
     */
    static void element(String text, StringBuilder out) throws Invalid {
        int mark = out.length();
        PyJsonReformatter r = new PyJsonReformatter(text, out);
        try {
            r.skipWs();
            r.value(1);
            r.skipWs();
            if (r.pos != r.end) {
                throw INVALID;
            }
        } catch (SlowPath e) {
            out.setLength(mark);
            try {
                io.edgepublisher.json.PyJson.write(out, JsonParser.parse(text));
            } catch (JsonException ex) {
                throw INVALID;
            }
        }
    }

    private void value(int depth) throws Invalid, SlowPath {
        if (depth > MAX_DEPTH || pos >= end) {
            throw INVALID;
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                object(depth);
                return;
            case '[':
                array(depth);
                return;
            case '"':
                string();
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                number();
        }
    }

    private void object(int depth) throws Invalid, SlowPath {
        pos++;
        out.append('{');
        int frame = keyTop;
        skipWs();
        if (peek() == '}') {
            pos++;
            out.append('}');
            return;
        }
        boolean first = true;
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw INVALID;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            int ks = pos;
            string();
            checkKey(frame, ks + 1, pos - 1);
            skipWs();
            if (peek() != ':') {
                throw INVALID;
            }
            pos++;
            out.append(": ");
            skipWs();
            value(depth + 1);
            skipWs();
            char c = peek();
            pos++;
            if (c == '}') {
                out.append('}');
                keyTop = frame;
                return;
            }
            if (c != ',') {
                throw INVALID;
            }
        }
    }

    /** Records a member name; escaped or repeated names need Python's decoding and dict semantics. */
    private void checkKey(int frame, int from, int to) throws SlowPath {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\\') {
                throw SLOW;
            }
        }
        int len = to - from;
        for (int k = frame; k < keyTop; k++) {
            if (keyEnd[k] - keyStart[k] == len && s.regionMatches(keyStart[k], s, from, len)) {
                throw SLOW;
            }
        }
        if (keyTop == keyStart.length) {
            keyStart = Arrays.copyOf(keyStart, keyTop * 2);
            keyEnd = Arrays.copyOf(keyEnd, keyTop * 2);
        }
        keyStart[keyTop] = from;
        keyEnd[keyTop++] = to;
    }

    private void array(int depth) throws Invalid, SlowPath {
        pos++;
        out.append('[');
        skipWs();
        if (peek() == ']') {
            pos++;
            out.append(']');
            return;
        }
        boolean first = true;
        while (true) {
            skipWs();
            if (!first) {
                out.append(", ");
            }
            first = false;
            value(depth + 1);
            skipWs();
            char c = peek();
            pos++;
            if (c == ']') {
                out.append(']');
                return;
            }
            if (c != ',') {
                throw INVALID;
            }
        }
    }

    /** A string: copied as is when plain printable ASCII, otherwise decoded and re-escaped as Python does. */
    private void string() throws Invalid {
        int start = ++pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                out.append(s, start - 1, pos);
                return;
            }
            if (c == '\\' || c < 0x20 || c > 0x7e) {
                break;
            }
            pos++;
        }
        out.append('"').append(s, start, pos);
        while (pos < end) {
            char c = s.charAt(pos++);
            if (c == '"') {
                out.append('"');
                return;
            }
            if (c < 0x20) {
                throw INVALID;
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw INVALID;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': escape('"'); break;
                    case '\\': escape('\\'); break;
                    case '/': escape('/'); break;
                    case 'b': escape('\b'); break;
                    case 'f': escape('\f'); break;
                    case 'n': escape('\n'); break;
                    case 'r': escape('\r'); break;
                    case 't': escape('\t'); break;
                    case 'u':
                        escape(hex4());
                        break;
                    default:
                        throw INVALID;
                }
            } else {
                escape(c);
            }
        }
        throw INVALID;
    }

    private char hex4() throws Invalid {
        if (pos + 4 > end) {
            throw INVALID;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) {
                throw INVALID;
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    /** Python's {@code ensure_ascii} form of one (decoded) character. */
    private void escape(char c) {
        switch (c) {
            case '"': out.append("\\\""); return;
            case '\\': out.append("\\\\"); return;
            case '\n': out.append("\\n"); return;
            case '\r': out.append("\\r"); return;
            case '\t': out.append("\\t"); return;
            case '\b': out.append("\\b"); return;
            case '\f': out.append("\\f"); return;
            default:
                if (c >= 0x20 && c <= 0x7e) {
                    out.append(c);
                } else {
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                            .append(HEX[c & 0xf]);
                }
        }
    }

    private void number() throws Invalid {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw INVALID;
        }
        int intEnd = pos;
        int fracEnd = -1;
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw INVALID;
            }
            while (isDigit(peek())) {
                pos++;
            }
            fracEnd = pos;
        }
        boolean exp = false;
        char c = peek();
        if (c == 'e' || c == 'E') {
            exp = true;
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw INVALID;
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        PythonNumberText.append(out, s, start, intStart, intEnd, fracEnd, exp, pos);
    }

    private void literal(String word) throws Invalid {
        if (!s.startsWith(word, pos)) {
            throw INVALID;
        }
        pos += word.length();
        out.append(word);
    }

    private char peek() {
        return pos < end ? s.charAt(pos) : '\0';
    }

    private void skipWs() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
