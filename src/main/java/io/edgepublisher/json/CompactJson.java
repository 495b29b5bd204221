package io.edgepublisher.json;

/**
 * Helpers for the compact row format of INTAKE.md §3.7: no spaces, strings escaped for {@code "}, {@code \} and
 * control characters only, everything else (non-ASCII included) written as is.
 */
public final class CompactJson {
    private CompactJson() {
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int runStart = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, runStart, i);
            runStart = i + 1;
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default: PyJson.unicodeEscape(sb, c);
            }
        }
        sb.append(s, runStart, n);
        sb.append('"');
    }
}
