package io.edgepublisher.intake;

import io.edgepublisher.json.PyFloat;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link PyJsonReformatter#listOfObjects} on the UTF-8 bytes of a body that is all ASCII, writing bytes: the usual
 * REST PUT body (a sample-data-generator list) is re-serialised without decoding it to text, without a
 * {@code StringBuilder} and without narrowing that text back to bytes. The output is the same, byte for byte, as the
 * text path's (REST.md §6.2). What this path does not decide — a byte beyond ASCII (it needs UTF-8 decoding), escaped
 * or duplicate member names (they need Python's dict semantics) — is reported as {@link PyJsonReformatter.SlowPath},
 * and a body that is not a list of objects as {@link PyJsonReformatter.Invalid}; the caller then takes the text path.
 *
 * <p>Most input is already in Python's form (the usual sender is Python), so the scan copies nothing while the input
 * is what the output would be: a row is one array copy, plus the changes where the input differs (white space, a
 * number not in {@code repr} form, an escape Python writes another way).
 */
final class PyJsonAsciiReformatter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 512;
    private static final PyJsonReformatter.Invalid INVALID = new PyJsonReformatter.Invalid();
    private static final PyJsonReformatter.SlowPath SLOW = new PyJsonReformatter.SlowPath();
    /** Eight bytes of the input at a time, for the plain part of strings. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final byte[] s;
    private final int end;
    private byte[] out;
    private int outLen;
    private int pos;
    /** Input {@code [mark, pos)} is output as it is, copied at the next change or at the end of the row. */
    private int mark;
    private int[] keyStart = new int[32];
    private int[] keyEnd = new int[32];
    private int keyTop;

    private PyJsonAsciiReformatter(byte[] s, int len) {
        this.s = s;
        this.end = len;
        this.out = new byte[len + (len >> 3) + 64];
    }

    /** The rows of {@link #listOfObjects}: bytes {@code [0, length)} of {@link #bytes}. */
    record Rows(byte[] bytes, int length, int rows) {
    }

    /**
     * Re-serialises a top-level JSON list of objects in {@code body[0, len)}, each element followed by {@code \n}.
     *
     * @throws PyJsonReformatter.Invalid when the body is not a JSON list of objects
     * @throws PyJsonReformatter.SlowPath when it needs the text path (non-ASCII bytes, escaped or duplicate names)
     */
    static Rows listOfObjects(byte[] body, int len) throws PyJsonReformatter.Invalid, PyJsonReformatter.SlowPath {
        PyJsonAsciiReformatter r = new PyJsonAsciiReformatter(body, len);
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
                r.mark = r.pos; // what came before the element is not part of its row
                r.value(1);
                r.copyTo(r.pos);
                r.put((byte) '\n');
                rows++;
                r.skipWs();
                int c = r.peek();
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
        return new Rows(r.out, r.outLen, rows);
    }

    private void value(int depth) throws PyJsonReformatter.Invalid, PyJsonReformatter.SlowPath {
        if (depth > MAX_DEPTH || pos >= end) {
            throw INVALID;
        }
        switch (s[pos]) {
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

    private void object(int depth) throws PyJsonReformatter.Invalid, PyJsonReformatter.SlowPath {
        pos++;
        int frame = keyTop;
        int from = pos; // white space or a separator, rewritten as Python writes it
        skipWs();
        if (peek() == '}') {
            separator(from, NONE);
            pos++;
            return;
        }
        boolean first = true;
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw INVALID;
            }
            separator(from, first ? NONE : COMMA);
            first = false;
            int ks = pos;
            boolean plain = string();
            checkKey(frame, ks + 1, pos - 1, plain);
            if (pos + 2 < end && s[pos] == ':' && s[pos + 1] == ' ' && !isWs(s[pos + 2])) {
                pos += 2; // ": " as Python writes it
            } else {
                from = pos;
                skipWs();
                if (peek() != ':') {
                    throw INVALID;
                }
                pos++;
                skipWs();
                separator(from, COLON);
            }
            value(depth + 1);
            from = pos;
            skipWs();
            int c = peek();
            if (c == '}') {
                separator(from, NONE);
                pos++;
                keyTop = frame;
                return;
            }
            if (c != ',') {
                throw INVALID;
            }
            pos++;
        }
    }

    /** Records a member name; escaped or repeated names need Python's decoding and dict semantics. */
    private void checkKey(int frame, int from, int to, boolean plain) throws PyJsonReformatter.SlowPath {
        for (int i = plain ? to : from; i < to; i++) {
            if (s[i] == '\\') {
                throw SLOW;
            }
        }
        int len = to - from;
        for (int k = frame; k < keyTop; k++) {
            if (keyEnd[k] - keyStart[k] == len && Arrays.equals(s, keyStart[k], keyEnd[k], s, from, to)) {
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

    private void array(int depth) throws PyJsonReformatter.Invalid, PyJsonReformatter.SlowPath {
        pos++;
        int from = pos;
        skipWs();
        if (peek() == ']') {
            separator(from, NONE);
            pos++;
            return;
        }
        boolean first = true;
        while (true) {
            skipWs();
            separator(from, first ? NONE : COMMA);
            first = false;
            value(depth + 1);
            from = pos;
            skipWs();
            int c = peek();
            if (c == ']') {
                separator(from, NONE);
                pos++;
                return;
            }
            if (c != ',') {
                throw INVALID;
            }
            pos++;
        }
    }

    private static final byte[] NONE = {};
    private static final byte[] COMMA = {',', ' '};
    private static final byte[] COLON = {':', ' '};

    /** Input {@code [from, pos)} (white space, a separator) is output as {@code want}. */
    private void separator(int from, byte[] want) {
        int n = pos - from;
        if (n == want.length && (n == 0 || s[from] == want[0] && s[from + 1] == want[1])) {
            return; // already as Python writes it
        }
        copyTo(from);
        put(want, 0, want.length);
        mark = pos;
    }

    /** Outputs the input kept so far, up to {@code to}. */
    private void copyTo(int to) {
        if (to > mark) {
            put(s, mark, to);
        }
        mark = to;
    }

    /**
     * A string: output as it is when plain printable ASCII (returns true), otherwise decoded and re-escaped as Python
     * does (returns false).
     */
    private boolean string() throws PyJsonReformatter.Invalid, PyJsonReformatter.SlowPath {
        ++pos;
        while (pos + 8 <= end && plainEight((long) LONGS.get(s, pos))) {
            pos += 8;
        }
        while (pos < end) {
            byte c = s[pos];
            if (c == '"') {
                pos++;
                return true; // output as it is
            }
            if (c == '\\' || c < 0x20 || c > 0x7e) {
                break; // c < 0x20 includes every byte beyond ASCII (negative)
            }
            pos++;
        }
        copyTo(pos); // the rest of the string is decoded and re-escaped
        while (pos < end) {
            byte c = s[pos++];
            if (c == '"') {
                put((byte) '"');
                mark = pos;
                return false;
            }
            if (c < 0) {
                throw SLOW; // UTF-8: the text path decodes it
            }
            if (c < 0x20) {
                throw INVALID;
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw INVALID;
                }
                byte e = s[pos++];
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
                escape((char) c);
            }
        }
        throw INVALID;
    }

    /** True when none of the eight bytes is {@code "}, {@code \\}, a control character, DEL or beyond ASCII. */
    private static boolean plainEight(long v) {
        long quote = v ^ 0x2222222222222222L;
        long backslash = v ^ 0x5c5c5c5c5c5c5c5cL;
        long zeroQuote = (quote - ONES) & ~quote;
        long zeroBackslash = (backslash - ONES) & ~backslash;
        long control = (v - 0x2020202020202020L) & ~v; // a byte below 0x20 (the high bit is checked below)
        long high = (v + ONES) | v; // a byte of 0x7f or above 0x7f
        return ((zeroQuote | zeroBackslash | control | high) & HIGHS) == 0;
    }

    private char hex4() throws PyJsonReformatter.Invalid, PyJsonReformatter.SlowPath {
        if (pos + 4 > end) {
            throw INVALID;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            if (s[pos] < 0) {
                throw SLOW; // the text path decides what a non-ASCII digit means
            }
            int d = Character.digit(s[pos++], 16);
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
            case '"': put((byte) '\\', (byte) '"'); return;
            case '\\': put((byte) '\\', (byte) '\\'); return;
            case '\n': put((byte) '\\', (byte) 'n'); return;
            case '\r': put((byte) '\\', (byte) 'r'); return;
            case '\t': put((byte) '\\', (byte) 't'); return;
            case '\b': put((byte) '\\', (byte) 'b'); return;
            case '\f': put((byte) '\\', (byte) 'f'); return;
            default:
                if (c >= 0x20 && c <= 0x7e) {
                    put((byte) c);
                } else {
                    ensure(6);
                    out[outLen++] = '\\';
                    out[outLen++] = 'u';
                    out[outLen++] = HEX[c >> 12];
                    out[outLen++] = HEX[(c >> 8) & 0xf];
                    out[outLen++] = HEX[(c >> 4) & 0xf];
                    out[outLen++] = HEX[c & 0xf];
                }
        }
    }

    private void number() throws PyJsonReformatter.Invalid {
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
        int c = peek();
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
        if (fracEnd < 0 && !exp) {
            // Integers verbatim; Python's int("-0") is 0.
            if (pos - start == 2 && s[start] == '-' && s[start + 1] == '0') {
                copyTo(start);
                put((byte) '0');
                mark = pos;
            }
        } else if (!exp && isPythonRepr(intStart, intEnd, fracEnd)) {
            return; // verbatim
        } else {
            copyTo(start);
            String repr = PyFloat.repr(Double.parseDouble(new String(s, start, pos - start,
                    StandardCharsets.US_ASCII)));
            ensure(repr.length());
            for (int i = 0; i < repr.length(); i++) {
                out[outLen++] = (byte) repr.charAt(i);
            }
            mark = pos;
        }
    }

    /** {@link PythonNumberText}'s test, on bytes. */
    private boolean isPythonRepr(int intStart, int intEnd, int fracEnd) {
        int fracStart = intEnd + 1;
        int fracLen = fracEnd - fracStart;
        if (fracLen > 1 && s[fracEnd - 1] == '0') {
            return false;
        }
        boolean intZero = intEnd - intStart == 1 && s[intStart] == '0';
        if (!intZero) {
            int intLen = intEnd - intStart;
            if (intLen > 16) {
                return false;
            }
            int sig;
            if (fracLen == 1 && s[fracStart] == '0') {
                int last = intEnd - 1;
                while (s[last] == '0') {
                    last--;
                }
                sig = last - intStart + 1;
            } else {
                sig = intLen + fracLen;
            }
            return sig <= 15;
        }
        int lead = 0;
        while (lead < fracLen && s[fracStart + lead] == '0') {
            lead++;
        }
        if (lead == fracLen) {
            return fracLen == 1; // 0.0 and -0.0
        }
        return lead <= 3 && fracLen - lead <= 15;
    }

    private void literal(String word) throws PyJsonReformatter.Invalid {
        int n = word.length();
        if (pos + n > end) {
            throw INVALID;
        }
        for (int i = 0; i < n; i++) {
            if (s[pos + i] != word.charAt(i)) {
                throw INVALID;
            }
        }
        pos += n; // verbatim
    }

    private int peek() {
        return pos < end ? s[pos] : 0;
    }

    private void skipWs() {
        while (pos < end) {
            byte c = s[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isWs(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void ensure(int n) {
        if (outLen + n > out.length) {
            out = Arrays.copyOf(out, Math.max(outLen + n, out.length * 2));
        }
    }

    private void put(byte b) {
        ensure(1);
        out[outLen++] = b;
    }

    private void put(byte a, byte b) {
        ensure(2);
        out[outLen++] = a;
        out[outLen++] = b;
    }

    private void put(byte[] b, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(b, from, out, outLen, n);
        outLen += n;
    }
}
