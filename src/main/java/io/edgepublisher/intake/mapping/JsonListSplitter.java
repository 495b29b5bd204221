package io.edgepublisher.intake.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the text of each element of a JSON list, for the raw copy of failed messages (INTAKE.md §3.8). Only used on
 * the failure path, so it re-scans the text instead of burdening the parser with positions.
 */
final class JsonListSplitter {
    private JsonListSplitter() {
    }

    /** The element texts of the first top-level {@code […]} in {@code text}; null when there is none. */
    static List<String> elements(String text) {
        int start = text.indexOf('[');
        if (start < 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int elemStart = start + 1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"':
                    inString = true;
                    break;
                case '[':
                case '{':
                    depth++;
                    break;
                case ']':
                case '}':
                    depth--;
                    if (depth == 0) {
                        add(out, text, elemStart, i);
                        return out;
                    }
                    break;
                case ',':
                    if (depth == 1) {
                        add(out, text, elemStart, i);
                        elemStart = i + 1;
                    }
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    private static void add(List<String> out, String text, int from, int to) {
        String e = text.substring(from, to).strip();
        if (!e.isEmpty()) {
            out.add(e);
        }
    }
}
