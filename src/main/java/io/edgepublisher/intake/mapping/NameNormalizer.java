package io.edgepublisher.intake.mapping;

import java.nio.charset.StandardCharsets;

/**
 * dbms and table name normalisation (INTAKE.md §3.4): trim; {@code A–Z} lower-cased; space, {@code _ - . / \ :}
 * become {@code _}; ASCII letters and digits stay; anything else becomes {@code 0x} + two lower-case hex digits of its
 * code point (below 256) or of each of its UTF-8 bytes (above). The result is always a valid file-name section.
 */
public final class NameNormalizer {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NameNormalizer() {
    }

    /** The normalised name; empty when the input is empty or only white space. */
    public static String normalize(String raw) {
        String s = raw.strip();
        int n = s.length();
        // Fast path: already normal (the usual case for names that were normalised upstream).
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                i++;
            } else {
                break;
            }
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 8);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) (c + ('a' - 'A')));
            } else if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '\\' || c == ':') {
                sb.append('_');
            } else if (c < 256) {
                hex(sb, c);
            } else {
                int cp = s.codePointAt(i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    hex(sb, b & 0xff);
                }
            }
        }
        return sb.toString();
    }

    private static void hex(StringBuilder sb, int v) {
        sb.append('0').append('x').append(HEX[(v >> 4) & 0xf]).append(HEX[v & 0xf]);
    }
}
