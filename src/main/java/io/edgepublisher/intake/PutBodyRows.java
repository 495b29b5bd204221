package io.edgepublisher.intake;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * REST PUT body → rows (REST.md §6.2), streamed from a {@link BodySpool} into a {@link RowsOut} with a few buffers
 * of memory whatever the body's size:
 * <ul>
 * <li>one JSON object: the body verbatim, one row;</li>
 * <li>a JSON list of objects: each element re-serialised as Python's {@code json.dumps} does, followed by {@code \n};
 * only one element at a time is held in memory, at most {@link #MAX_ELEMENT} bytes;</li>
 * <li>other text: each top-level balanced {@code {…}}, verbatim, followed by {@code \n}.</li>
 * </ul>
 * Every row stored is a valid JSON object: a list with an element that is not an object, and text with a
 * {@code {…}} that is not valid JSON, are refused whole with 6, so the sender learns what was wrong and nothing of
 * the batch is stored. Empty body or empty list: 67; no object at all: 6. Strings must be valid UTF-8.
 */
final class PutBodyRows {
    /** The largest element of a list: re-serialising it needs it in memory. */
    static final int MAX_ELEMENT = 4 << 20;
    private static final int CHUNK = 64 * 1024;
    private static final String NOTHING_STORED = "; every row must be a JSON object, nothing was stored";

    private PutBodyRows() {
    }

    /**
     * Writes the rows of {@code body} to {@code out}.
     *
     * @return the number of rows
     * @throws CommandException 67 or 6 for a body that yields no rows or a row that is not a JSON object
     */
    static int write(BodySpool body, RowsOut out) throws IOException {
        int first = firstNonWhiteSpace(body);
        if (first < 0) {
            throw new CommandException(ErrorCode.JSON_FILE, PutBodyParser.EMPTY_BODY);
        }
        if (first == '{' && object(body, out)) {
            return 1;
        }
        if (first == '[') {
            int rows = list(body, out);
            if (rows >= 0) {
                return rows;
            }
        }
        return extract(body, out);
    }

    private static int firstNonWhiteSpace(BodySpool body) throws IOException {
        try (InputStream in = body.open()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    int c = buf[i];
                    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                        return c & 0xff;
                    }
                }
            }
        }
        return -1;
    }

    /** The whole body, verbatim, when it is exactly one JSON object; false (nothing written) otherwise. */
    private static boolean object(BodySpool body, RowsOut out) throws IOException {
        JsonScan scan = new JsonScan();
        try (InputStream in = body.open()) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (!scan.feed(buf, 0, n)) {
                    out.discard();
                    return false;
                }
                out.write(buf, 0, n);
            }
        }
        if (!scan.finish()) {
            out.discard();
            return false;
        }
        return true;
    }

    /**
     * A JSON list: its elements re-serialised, one row each. Returns -1 (nothing written) when the body is not a valid
     * JSON list, so its objects are extracted as from any text.
     */
    private static int list(BodySpool body, RowsOut out) throws IOException {
        if (!body.spooled()) {
            int rows = listInOnePass(body, out);
            if (rows > 0) {
                return rows;
            }
        }
        Elements elements = new Elements(out);
        JsonScan scan = new JsonScan(elements);
        try (InputStream in = body.open()) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) >= 0) {
                elements.chunk(buf, scan.offset());
                boolean ok;
                try {
                    ok = scan.feed(buf, 0, n);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                elements.endOfChunk(n);
                if (!ok) {
                    out.discard();
                    return -1;
                }
            }
        }
        if (!scan.finish()) {
            out.discard();
            return -1;
        }
        if (elements.problem != null) {
            throw new CommandException(ErrorCode.JSON_STRUCTURE, elements.problem + NOTHING_STORED);
        }
        if (elements.count == 0) {
            throw new CommandException(ErrorCode.JSON_FILE, PutBodyParser.NO_NEW_DATA);
        }
        return elements.count;
    }

    /**
     * The usual body — a list of objects held in memory — in a single pass: over its bytes when they are ASCII (the
     * common case), otherwise over the decoded text. Returns 0 (nothing written) for anything else: the element-wise
     * path then decides, and says what is wrong.
     */
    private static int listInOnePass(BodySpool body, RowsOut out) throws IOException {
        try {
            PyJsonAsciiReformatter.Rows r = PyJsonAsciiReformatter.listOfObjects(body.memory(), (int) body.size());
            if (r.rows() > 0) {
                out.writeOwned(r.bytes(), r.length());
            }
            return r.rows();
        } catch (PyJsonReformatter.Invalid e) {
            return 0;
        } catch (PyJsonReformatter.SlowPath e) {
            // non-ASCII bytes, escaped or duplicate member names: the text path below
        }
        String text = new String(body.memory(), 0, (int) body.size(), StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            return 0; // perhaps invalid UTF-8, which decoding replaced: the scan checks the bytes
        }
        StringBuilder sb = new StringBuilder(text.length() + (text.length() >> 3) + 16);
        int rows;
        try {
            rows = PyJsonReformatter.listOfObjects(text, sb);
        } catch (PyJsonReformatter.Invalid | PyJsonReformatter.SlowPath e) {
            return 0;
        }
        if (rows > 0) {
            out.writeAscii(sb);
        }
        return rows;
    }

    /** Collects the bytes of each list element as the scan reports it, and writes its row. */
    private static final class Elements implements JsonScan.ElementListener {
        private final RowsOut out;
        private byte[] element = new byte[4096];
        private int elementLen;
        private boolean inElement;
        private boolean skip; // an earlier element failed: only validate the rest
        private byte[] chunk;
        private long chunkOffset;
        private int copiedFrom; // index in the chunk from which the current element is still to be copied
        int count;
        String problem;

        Elements(RowsOut out) {
            this.out = out;
        }

        void chunk(byte[] b, long offset) {
            chunk = b;
            chunkOffset = offset;
            copiedFrom = 0;
        }

        void endOfChunk(int n) {
            if (inElement && !skip) {
                copy(copiedFrom, n);
            }
        }

        @Override
        public void start(long offset, byte firstByte) {
            inElement = true;
            elementLen = 0;
            copiedFrom = (int) (offset - chunkOffset);
            if (firstByte != '{' && problem == null) {
                problem = "Element " + (count + 1) + " of the list in the PUT body is not a JSON object ("
                        + kind(firstByte) + ")";
            }
            skip = problem != null;
        }

        @Override
        public void end(long offset) {
            int endInChunk = (int) (offset - chunkOffset);
            if (!skip) {
                copy(copiedFrom, endInChunk);
                try {
                    row();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            inElement = false;
            count++;
        }

        private void copy(int from, int to) {
            int len = to - from;
            if (len <= 0) {
                return;
            }
            if (elementLen + len > MAX_ELEMENT) {
                problem = "Element " + (count + 1) + " of the list in the PUT body is larger than "
                        + (MAX_ELEMENT >> 20) + " MiB, the limit for one row of a list";
                skip = true;
                return;
            }
            if (elementLen + len > element.length) {
                element = Arrays.copyOf(element, Math.max(elementLen + len, element.length * 2));
            }
            System.arraycopy(chunk, from, element, elementLen, len);
            elementLen += len;
            copiedFrom = to;
        }

        private void row() throws IOException {
            StringBuilder sb = new StringBuilder(elementLen + 16);
            try {
                PyJsonReformatter.element(new String(element, 0, elementLen, StandardCharsets.UTF_8), sb);
            } catch (PyJsonReformatter.Invalid e) {
                // cannot happen after the scan accepted the element; refuse rather than store it
                problem = "Element " + (count + 1) + " of the list in the PUT body is not valid JSON";
                skip = true;
                return;
            }
            sb.append('\n');
            out.writeAscii(sb);
            if (element.length > 1 << 20) {
                element = new byte[4096];
            }
        }

        private static String kind(byte b) {
            switch (b) {
                case '[': return "a list";
                case '"': return "a string";
                case 't':
                case 'f': return "a boolean";
                case 'n': return "null";
                default: return "a number";
            }
        }
    }

    /**
     * Text that is not one JSON value: each top-level balanced {@code {…}} in order, verbatim, followed by
     * {@code \n}; text outside them, and an unclosed tail, are dropped. Braces inside double-quoted strings within an
     * object do not count. Each object must be valid JSON.
     */
    private static int extract(BodySpool body, RowsOut out) throws IOException {
        JsonScan scan = new JsonScan();
        int rows = 0;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        long objectStart = 0;
        long mark = 0;
        long offset = 0;
        try (InputStream in = body.open()) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) >= 0) {
                int regionFrom = depth > 0 ? 0 : -1;
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (depth == 0) {
                        if (c == '{') {
                            depth = 1;
                            regionFrom = i;
                            objectStart = offset + i;
                            mark = out.length();
                            scan.reset();
                        }
                        continue;
                    }
                    if (inString) {
                        if (escaped) {
                            escaped = false;
                        } else if (c == '\\') {
                            escaped = true;
                        } else if (c == '"') {
                            inString = false;
                        }
                    } else if (c == '"') {
                        inString = true;
                    } else if (c == '{') {
                        depth++;
                    } else if (c == '}' && --depth == 0) {
                        region(scan, out, buf, regionFrom, i + 1, objectStart);
                        if (!scan.finish()) {
                            throw invalidObject(objectStart, scan);
                        }
                        out.write((byte) '\n');
                        rows++;
                        regionFrom = -1;
                    }
                }
                if (depth > 0 && regionFrom >= 0) {
                    region(scan, out, buf, regionFrom, n, objectStart);
                }
                offset += n;
            }
        }
        if (depth > 0) {
            out.truncate(mark); // an unclosed tail is not a row
        }
        if (rows == 0) {
            throw new CommandException(ErrorCode.JSON_STRUCTURE, PutBodyParser.NO_JSON);
        }
        return rows;
    }

    /** Part of an object's bytes: validated and written. */
    private static void region(JsonScan scan, RowsOut out, byte[] buf, int from, int to, long objectStart)
            throws IOException {
        if (!scan.feed(buf, from, to)) {
            throw invalidObject(objectStart, scan);
        }
        out.write(buf, from, to - from);
    }

    private static CommandException invalidObject(long start, JsonScan scan) {
        return new CommandException(ErrorCode.JSON_STRUCTURE, "The object at byte " + start + " of the PUT body is not"
                + " valid JSON (" + scan.error() + " at byte " + (start + scan.errorOffset()) + ")" + NOTHING_STORED);
    }
}
