package io.edgepublisher.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The AnyLog table format (COMMANDS.md §1.11), byte for byte: what EdgeLake clients display and what
 * {@code get processes} returns. CRLF line breaks, titles left-justified to width+1, a dashed underline with
 * {@code |} separators, numbers right-justified, values over 100 characters wrapped in chunks of 100.
 */
public final class TableFormatter {
    private static final int MAX_WIDTH = 100;

    private TableFormatter() {
    }

    public static String render(List<String> titles, List<? extends List<?>> rows) {
        return render(null, "", titles, rows);
    }

    /**
     * @param header optional header line (null for none)
     * @param prefix text at the start of every line (four spaces for {@code get processes})
     */
    public static String render(String header, String prefix, List<String> titles, List<? extends List<?>> rows) {
        int n = titles.size();
        String[][] titleLines = new String[n][];
        int[] w = new int[n];
        boolean twoLine = false;
        for (int i = 0; i < n; i++) {
            titleLines[i] = titles.get(i).split("\n", 2);
            twoLine |= titleLines[i].length > 1;
            for (String part : titleLines[i]) {
                w[i] = Math.max(w[i], part.length());
            }
        }
        List<String[]> cells = new ArrayList<>();
        List<boolean[]> right = new ArrayList<>();
        for (List<?> row : rows) {
            String[] c = new String[n];
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                Object v = i < row.size() ? row.get(i) : "";
                c[i] = clean(v == null ? "" : v.toString());
                r[i] = isNumeric(v, c[i]);
                w[i] = Math.max(w[i], Math.min(MAX_WIDTH, c[i].length()));
            }
            cells.add(c);
            right.add(r);
        }
        StringBuilder sb = new StringBuilder(256 + rows.size() * 64);
        if (header != null) {
            sb.append("\r\n").append(prefix).append(header);
        }
        int titleRows = twoLine ? 2 : 1;
        for (int line = 0; line < titleRows; line++) {
            sb.append("\r\n").append(prefix);
            for (int i = 0; i < n; i++) {
                String part = line < titleLines[i].length ? titleLines[i][line] : "";
                pad(sb, part, w[i] + 1, false);
            }
        }
        sb.append("\r\n").append(prefix);
        for (int i = 0; i < n; i++) {
            sb.append("-".repeat(w[i])).append('|');
        }
        for (int k = 0; k < cells.size(); k++) {
            row(sb, prefix, cells.get(k), right.get(k), w);
        }
        sb.append("\r\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String prefix, String[] c, boolean[] right, int[] w) {
        int n = c.length;
        int chunks = 1;
        for (String v : c) {
            chunks = Math.max(chunks, (v.length() + MAX_WIDTH - 1) / MAX_WIDTH);
        }
        for (int chunk = 0; chunk < chunks; chunk++) {
            sb.append("\r\n").append(prefix);
            for (int i = 0; i < n; i++) {
                String v = c[i];
                if (v.length() <= MAX_WIDTH) {
                    if (chunk == 0) {
                        pad(sb, v, w[i], right[i]);
                        sb.append('|');
                    } else if (hasLaterChunk(c, i, chunk)) {
                        sb.append(" ".repeat(w[i])).append('|');
                    }
                    continue;
                }
                int from = chunk * MAX_WIDTH;
                if (from < v.length()) {
                    pad(sb, v.substring(from, Math.min(v.length(), from + MAX_WIDTH)), MAX_WIDTH, false);
                    sb.append('|');
                } else if (hasLaterChunk(c, i, chunk)) {
                    sb.append(" ".repeat(w[i])).append('|');
                }
            }
        }
    }

    /** Whether a column after {@code col} still prints a chunk on continuation line {@code chunk}. */
    private static boolean hasLaterChunk(String[] c, int col, int chunk) {
        for (int j = col + 1; j < c.length; j++) {
            if (c[j].length() > chunk * MAX_WIDTH) {
                return true;
            }
        }
        return false;
    }

    private static void pad(StringBuilder sb, String v, int width, boolean right) {
        int fill = width - v.length();
        if (right) {
            for (int i = 0; i < fill; i++) {
                sb.append(' ');
            }
            sb.append(v);
        } else {
            sb.append(v);
            for (int i = 0; i < fill; i++) {
                sb.append(' ');
            }
        }
    }

    private static String clean(String v) {
        if (v.indexOf('\r') < 0 && v.indexOf('\n') < 0 && v.indexOf('\t') < 0) {
            return v;
        }
        return v.replace("\r", "").replace('\n', ' ').replace('\t', ' ');
    }

    /** Integers, floats and short numeric strings (digits, '.', ',' and one leading '-') are right-justified. */
    static boolean isNumeric(Object v, String text) {
        if (v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float
            || v instanceof BigInteger || v instanceof Short) {
            return true;
        }
        if (!(v instanceof String) || text.isEmpty() || text.length() >= 20) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if (ch == '-' && i == 0) {
                continue;
            } else if (ch != '.' && ch != ',') {
                return false;
            }
        }
        return digit;
    }
}
