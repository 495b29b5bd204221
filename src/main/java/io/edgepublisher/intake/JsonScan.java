package io.edgepublisher.intake;

/**
 * A validating scan of JSON text as UTF-8 bytes, fed in chunks of any size and building nothing: it answers whether
 * the bytes are exactly one JSON value (RFC 8259, nesting up to 512 levels, strings valid UTF-8), and where each
 * element of a top-level list starts and ends. It is what lets a REST PUT body of any size be checked while it
 * streams through a few kilobytes of memory.
 *
 * <p>Use: {@link #feed} every chunk, then {@link #finish}; after a failure {@link #error()} says what and
 * {@link #errorOffset()} where. With an {@link ElementListener} the scan reports the top-level list's elements.
 * Not thread-safe; one instance per document ({@link #reset} to reuse).
 */
final class JsonScan {
    /** Told where each element of a top-level list starts and ends (absolute byte offsets, end exclusive). */
    interface ElementListener {
        void start(long offset, byte first);

        void end(long offset);
    }

    static final int MAX_DEPTH = 512;

    // What the scan expects next outside of a token.
    private static final int VALUE = 0; // a value (top level, after ':' or after ',' in a list)
    private static final int VALUE_OR_CLOSE = 1; // after '['
    private static final int KEY_OR_CLOSE = 2; // after '{'
    private static final int KEY = 3; // after ',' in an object
    private static final int COLON = 4;
    private static final int COMMA_OR_CLOSE = 5;
    private static final int DONE = 6; // the top-level value is complete: only white space may follow
    // Inside a token.
    private static final int STRING = 10;
    private static final int ESCAPE = 11;
    private static final int HEX = 12;
    private static final int UTF8 = 13;
    private static final int NUM_MINUS = 20; // after '-'
    private static final int NUM_ZERO = 21; // integer part is "0"
    private static final int NUM_INT = 22;
    private static final int NUM_DOT = 23; // after '.'
    private static final int NUM_FRAC = 24;
    private static final int NUM_E = 25; // after 'e'
    private static final int NUM_E_SIGN = 26;
    private static final int NUM_EXP = 27;
    private static final int LITERAL = 30;
    private static final int FAILED = 99;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final ElementListener listener;
    private int state;
    /** Containers from the outside in: true for an object. */
    private final boolean[] objects = new boolean[MAX_DEPTH + 1];
    private int depth;
    private boolean stringIsKey;
    private int hexLeft;
    private int utf8Left;
    private int utf8Min;
    private int utf8Max;
    private byte[] literal;
    private int literalAt;
    private long offset;
    private boolean sawValue;
    private String error;
    private long errorOffset = -1;

    JsonScan() {
        this(null);
    }

    JsonScan(ElementListener listener) {
        this.listener = listener;
    }

    void reset() {
        state = VALUE;
        depth = 0;
        offset = 0;
        sawValue = false;
        error = null;
        errorOffset = -1;
    }

    /** False once the bytes cannot be (the start of) one JSON value. */
    boolean ok() {
        return state != FAILED;
    }

    /** True when a complete top-level value has been seen (more white space may follow). */
    boolean complete() {
        return state == DONE;
    }

    /** True when the top-level value is a list (known from its first byte). */
    boolean topLevelIsList() {
        return topList;
    }

    private boolean topList;

    String error() {
        return error;
    }

    long errorOffset() {
        return errorOffset;
    }

    /** Bytes fed so far. */
    long offset() {
        return offset;
    }

    /**
     * Scans {@code b[off, end)}. Returns false as soon as the text is invalid (later bytes are ignored).
     */
    boolean feed(byte[] b, int off, int end) {
        if (state == FAILED) {
            return false;
        }
        long base = offset - off;
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            // The bytes that make up most of a document need no decision: plain string content, digits and white
            // space outside tokens are skipped in tight loops, everything else goes through the state machine.
            if (state == STRING) {
                while (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                    if (++i == end) {
                        offset = base + end;
                        return true;
                    }
                    c = b[i] & 0xff;
                }
            } else if (state == NUM_INT || state == NUM_FRAC || state == NUM_EXP) {
                while (c >= '0' && c <= '9') {
                    if (++i == end) {
                        offset = base + end;
                        return true;
                    }
                    c = b[i] & 0xff;
                }
            } else if (state < STRING) {
                while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    if (++i == end) {
                        offset = base + end;
                        return true;
                    }
                    c = b[i] & 0xff;
                }
            }
            if (!step(c, base + i)) {
                offset = base + i;
                return false;
            }
        }
        offset = base + end;
        return true;
    }

    /** Ends the text: true when it held exactly one complete JSON value. */
    boolean finish() {
        if (state == FAILED) {
            return false;
        }
        if (state >= NUM_ZERO && state <= NUM_EXP && state != NUM_DOT && state != NUM_E && state != NUM_E_SIGN
                && depth == 0) {
            state = DONE; // a top-level number ends with the text
        }
        if (state != DONE) {
            return fail(offset, sawValue ? "unexpected end of the text" : "no JSON value");
        }
        return true;
    }

    private boolean fail(long at, String why) {
        state = FAILED;
        error = why;
        errorOffset = at;
        return false;
    }

    private static boolean ws(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** One byte; numbers end at the next byte, which is then handled in the container's state. */
    private boolean step(int c, long at) {
        switch (state) {
            case STRING:
                return string(c, at);
            case ESCAPE:
                if (c == 'u') {
                    hexLeft = 4;
                    state = HEX;
                } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r'
                        || c == 't') {
                    state = STRING;
                } else {
                    return fail(at, "bad escape in a string");
                }
                return true;
            case HEX:
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                    return fail(at, "bad \\u escape in a string");
                }
                if (--hexLeft == 0) {
                    state = STRING;
                }
                return true;
            case UTF8:
                if (c < utf8Min || c > utf8Max) {
                    return fail(at, "invalid UTF-8");
                }
                utf8Min = 0x80;
                utf8Max = 0xbf;
                if (--utf8Left == 0) {
                    state = STRING;
                }
                return true;
            case LITERAL:
                if (c != literal[literalAt]) {
                    return fail(at, "unexpected character " + describe(c));
                }
                if (++literalAt == literal.length) {
                    return valueEnded(at + 1);
                }
                return true;
            case NUM_MINUS:
                if (c == '0') {
                    state = NUM_ZERO;
                } else if (c >= '1' && c <= '9') {
                    state = NUM_INT;
                } else {
                    return fail(at, "bad number");
                }
                return true;
            case NUM_ZERO:
            case NUM_INT:
                if (c >= '0' && c <= '9') {
                    if (state == NUM_ZERO) {
                        return fail(at, "bad number (leading zero)");
                    }
                    return true;
                }
                if (c == '.') {
                    state = NUM_DOT;
                    return true;
                }
                if (c == 'e' || c == 'E') {
                    state = NUM_E;
                    return true;
                }
                return numberEnded(c, at);
            case NUM_DOT:
                if (c >= '0' && c <= '9') {
                    state = NUM_FRAC;
                    return true;
                }
                return fail(at, "bad number");
            case NUM_FRAC:
                if (c >= '0' && c <= '9') {
                    return true;
                }
                if (c == 'e' || c == 'E') {
                    state = NUM_E;
                    return true;
                }
                return numberEnded(c, at);
            case NUM_E:
                if (c == '+' || c == '-') {
                    state = NUM_E_SIGN;
                    return true;
                }
                // fall through
            case NUM_E_SIGN:
                if (c >= '0' && c <= '9') {
                    state = NUM_EXP;
                    return true;
                }
                return fail(at, "bad number");
            case NUM_EXP:
                if (c >= '0' && c <= '9') {
                    return true;
                }
                return numberEnded(c, at);
            default:
                return structure(c, at);
        }
    }

    private boolean numberEnded(int c, long at) {
        if (!valueEnded(at)) {
            return false;
        }
        return structure(c, at);
    }

    private boolean string(int c, long at) {
        if (c == '"') {
            if (stringIsKey) {
                state = COLON;
                return true;
            }
            return valueEnded(at + 1);
        }
        if (c == '\\') {
            state = ESCAPE;
        } else if (c < 0x20) {
            return fail(at, "control character in a string");
        } else if (c >= 0x80) {
            if (c >= 0xc2 && c <= 0xdf) {
                utf8(1, 0x80, 0xbf);
            } else if (c == 0xe0) {
                utf8(2, 0xa0, 0xbf);
            } else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) {
                utf8(2, 0x80, 0xbf);
            } else if (c == 0xed) {
                utf8(2, 0x80, 0x9f);
            } else if (c == 0xf0) {
                utf8(3, 0x90, 0xbf);
            } else if (c >= 0xf1 && c <= 0xf3) {
                utf8(3, 0x80, 0xbf);
            } else if (c == 0xf4) {
                utf8(3, 0x80, 0x8f);
            } else {
                return fail(at, "invalid UTF-8");
            }
        }
        return true;
    }

    private void utf8(int left, int min, int max) {
        utf8Left = left;
        utf8Min = min;
        utf8Max = max;
        state = UTF8;
    }

    /** A byte outside of tokens: white space, punctuation, or the first byte of a value. */
    private boolean structure(int c, long at) {
        if (ws(c)) {
            return true;
        }
        switch (state) {
            case DONE:
                return fail(at, "unexpected text after the JSON value");
            case VALUE:
            case VALUE_OR_CLOSE:
                if (c == ']' && state == VALUE_OR_CLOSE) {
                    return close(false, at);
                }
                return valueStarts(c, at);
            case KEY_OR_CLOSE:
            case KEY:
                if (c == '}' && state == KEY_OR_CLOSE) {
                    return close(true, at);
                }
                if (c != '"') {
                    return fail(at, "expected a member name in double quotes");
                }
                stringIsKey = true;
                state = STRING;
                return true;
            case COLON:
                if (c != ':') {
                    return fail(at, "expected ':' after a member name");
                }
                state = VALUE;
                return true;
            case COMMA_OR_CLOSE:
                if (c == ',') {
                    state = objects[depth - 1] ? KEY : VALUE;
                    return true;
                }
                if (c == (objects[depth - 1] ? '}' : ']')) {
                    return close(objects[depth - 1], at);
                }
                return fail(at, objects[depth - 1] ? "expected ',' or '}' in an object"
                        : "expected ',' or ']' in a list");
            default:
                return fail(at, "unexpected character " + describe(c));
        }
    }

    private boolean valueStarts(int c, long at) {
        if (depth == 0) {
            sawValue = true;
            topList = c == '[';
        } else if (depth == 1 && listener != null && !objects[0]) {
            listener.start(at, (byte) c);
        }
        switch (c) {
            case '{':
            case '[':
                if (depth == MAX_DEPTH) {
                    return fail(at, "nesting deeper than " + MAX_DEPTH);
                }
                objects[depth++] = c == '{';
                state = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
                return true;
            case '"':
                stringIsKey = false;
                state = STRING;
                return true;
            case 't':
                return literal(TRUE);
            case 'f':
                return literal(FALSE);
            case 'n':
                return literal(NULL);
            case '-':
                state = NUM_MINUS;
                return true;
            default:
                if (c == '0') {
                    state = NUM_ZERO;
                    return true;
                }
                if (c >= '1' && c <= '9') {
                    state = NUM_INT;
                    return true;
                }
                return fail(at, "unexpected character " + describe(c));
        }
    }

    private boolean literal(byte[] word) {
        literal = word;
        literalAt = 1;
        state = LITERAL;
        return true;
    }

    private boolean close(boolean object, long at) {
        depth--;
        return valueEnded(at + 1);
    }

    /** A value ended just before {@code end}: back in the enclosing container (or done). */
    private boolean valueEnded(long end) {
        if (depth == 0) {
            state = DONE;
        } else {
            state = COMMA_OR_CLOSE;
            if (depth == 1 && listener != null && !objects[0]) {
                listener.end(end);
            }
        }
        return true;
    }

    private static String describe(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
    }
}
