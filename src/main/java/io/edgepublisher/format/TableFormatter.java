package io.edgepublisher.format;

import io.edgepublisher.json.PyRepr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The table output format of COMMANDS.md §1.11, byte-exact (it is what AnyLog/EdgeLake clients display, e.g.
 * {@code get processes}). Immutable; configure with {@link #withPrefix} and {@link #withHeader}.
 *
 * <p>Cell values: {@code null} prints as an empty cell; {@link Boolean} as {@code True}/{@code False}; integers and
 * floats (Python {@code repr}) and short numeric strings are right-justified; any other value is printed as its
 * Python {@code str()}, left-justified, with CR removed, LF and TAB turned into spaces, and cut into chunks of 100
 * characters on continuation lines when longer. Lengths count Unicode code points, as Python does.
 */
public final class TableFormatter {
    /** Values longer than this are printed in chunks of this length. */
    public static final int MAX_CELL = 100;
    private static final String CRLF = "\r\n";

    private final List<String> titles;
    private final String prefix;
    private final String header;

    private TableFormatter(List<String> titles, String prefix, String header) {
        this.titles = List.copyOf(titles);
        this.prefix = prefix;
        this.header = header;
    }

    /**
     * A formatter with these column titles (no title lines when empty). A title containing {@code \n} makes the
     * title two lines high; the column is as wide as the longer part.
     */
    public static TableFormatter of(List<String> titles) {
        return new TableFormatter(titles, "", null);
    }

    /** The text written after every {@code \r\n} (four spaces for {@code get processes}). */
    public TableFormatter withPrefix(String linePrefix) {
        return new TableFormatter(titles, linePrefix, header);
    }

    /** A header line printed before the titles ({@code \r\n} + prefix + header). */
    public TableFormatter withHeader(String headerText) {
        return new TableFormatter(titles, prefix, headerText);
    }

    /** The table text, starting with {@code \r\n} and ending with {@code \r\n}. */
    public String format(List<? extends List<?>> rows) {
        List<String> line1 = new ArrayList<>(titles.size());
        List<String> line2 = new ArrayList<>(titles.size());
        boolean twoLines = false;
        List<Integer> widths = new ArrayList<>();
        for (String t : titles) {
            int nl = t.indexOf('\n');
            if (nl < 0) {
                line1.add(t);
                line2.add("");
                widths.add(len(t));
            } else {
                twoLines = true;
                line1.add(t.substring(0, nl));
                line2.add(t.substring(nl + 1));
                widths.add(Math.max(len(line1.get(line1.size() - 1)), len(line2.get(line2.size() - 1))));
            }
        }
        for (List<?> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int l = Math.min(MAX_CELL, len(text(row.get(i))));
                if (i >= widths.size()) {
                    widths.add(l);
                } else if (l > widths.get(i)) {
                    widths.set(i, l);
                }
            }
        }
        StringBuilder sb = new StringBuilder(256 + rows.size() * 128);
        if (header != null) {
            sb.append(CRLF).append(prefix).append(header);
        }
        if (!titles.isEmpty()) {
            titleLine(sb, line1, widths);
            if (twoLines) {
                titleLine(sb, line2, widths);
            }
            sb.append(CRLF).append(prefix);
            for (int i = 0; i < titles.size(); i++) {
                sb.append("-".repeat(widths.get(i))).append('|');
            }
        }
        for (List<?> row : rows) {
            row(sb, row, widths);
        }
        return sb.append(CRLF).toString();
    }

    private void titleLine(StringBuilder sb, List<String> parts, List<Integer> widths) {
        sb.append(CRLF).append(prefix);
        for (int i = 0; i < parts.size(); i++) {
            padRight(sb, parts.get(i), widths.get(i) + 1);
        }
    }

    private void row(StringBuilder sb, List<?> row, List<Integer> widths) {
        sb.append(CRLF).append(prefix);
        // the start of a continuation line: blank cells for the columns before the long value
        StringBuilder continuation = new StringBuilder(CRLF).append(prefix);
        for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            int w = widths.get(i);
            if (v == null) {
                padRight(sb, "", w);
            } else if (isRightJustified(v)) {
                padLeft(sb, text(v), w);
            } else if (v instanceof Boolean) {
                padRight(sb, text(v), w);
            } else {
                String s = text(v).replace("\r", "").replace('\n', ' ').replace('\t', ' ');
                if (len(s) <= MAX_CELL) {
                    padRight(sb, s, w);
                } else {
                    int cps = len(s);
                    for (int off = 0; off < cps; off += MAX_CELL) {
                        if (off > 0) {
                            sb.append(continuation);
                        }
                        int from = s.offsetByCodePoints(0, off);
                        int to = s.offsetByCodePoints(from, Math.min(MAX_CELL, cps - off));
                        padRight(sb, s.substring(from, to), MAX_CELL);
                        sb.append('|');
                    }
                    continuation.append(" ".repeat(w)).append('|');
                    continue;
                }
            }
            sb.append('|');
            continuation.append(" ".repeat(w)).append('|');
        }
    }

    /** Python {@code str()} of a cell value. */
    static String text(Object v) {
        return v == null ? "" : PyRepr.str(v);
    }

    /** Integers, floats, and strings shorter than 20 characters made only of digits, '.', ',' and one leading '-'. */
    static boolean isRightJustified(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof BigInteger
            || v instanceof Double || v instanceof Float) {
            return true;
        }
        return v instanceof String && ((String) v).length() < 20 && isFormattedNumber((String) v);
    }

    private static boolean isFormattedNumber(String s) {
        boolean sawDigitOrSign = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sawDigitOrSign = true;
            } else if (c == '-') {
                if (sawDigitOrSign) {
                    return false;
                }
                sawDigitOrSign = true;
            } else if (c != '.' && c != ',') {
                return false;
            }
        }
        return true;
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    private static void padRight(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int k = len(s); k < width; k++) {
            sb.append(' ');
        }
    }

    private static void padLeft(StringBuilder sb, String s, int width) {
        for (int k = len(s); k < width; k++) {
            sb.append(' ');
        }
        sb.append(s);
    }
}
