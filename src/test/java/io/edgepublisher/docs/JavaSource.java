package io.edgepublisher.docs;

import java.util.ArrayList;
import java.util.List;

/** The string literals of a Java source (comments are for implementers and may cite the specification). */
final class JavaSource {
    private JavaSource() {
    }

    /** Contents of every {@code "…"} literal and {@code """…"""} text block, escapes left as written. */
    static List<String> stringLiterals(String src) {
        List<String> out = new ArrayList<>();
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = closing(src, i + 3, "\"\"\"");
                out.add(src.substring(i + 3, end));
                i = Math.min(n, end + 3);
            } else if (c == '"') {
                int end = closing(src, i + 1, "\"");
                out.add(src.substring(i + 1, end));
                i = Math.min(n, end + 1);
            } else if (c == '\'') {
                int end = closing(src, i + 1, "'");
                i = Math.min(n, end + 1);
            } else {
                i++;
            }
        }
        return out;
    }

    /** Index of the unescaped {@code quote} at or after {@code from}, or the end of the text. */
    private static int closing(String src, int from, String quote) {
        int j = from;
        while (j < src.length()) {
            if (src.charAt(j) == '\\') {
                j += 2;
            } else if (src.startsWith(quote, j)) {
                return j;
            } else {
                j++;
            }
        }
        return src.length();
    }
}
