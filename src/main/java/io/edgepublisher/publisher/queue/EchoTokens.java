package io.edgepublisher.publisher.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of an operator's echo that may name a file: runs of name characters (letters, digits, {@code . _ -}),
 * and inside them every 32-hex-digit run (a hash). EdgeLake writes {@code 'File write' operation failed: <details>}
 * with the file name or path in the details; a path's directories split off at {@code /}.
 */
final class EchoTokens {
    private EchoTokens() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !nameChar(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && nameChar(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = text.substring(start, i);
                out.add(word);
                hashes(word, out);
            }
        }
        return out;
    }

    private static void hashes(String word, List<String> out) {
        int run = 0;
        for (int i = 0; i <= word.length(); i++) {
            char c = i < word.length() ? word.charAt(i) : '.';
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                run++;
            } else {
                if (run == 32) {
                    out.add(word.substring(i - 32, i));
                }
                run = 0;
            }
        }
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }
}
