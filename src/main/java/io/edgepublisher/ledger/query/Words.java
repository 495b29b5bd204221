package io.edgepublisher.ledger.query;

/** Small helpers for command words (COMMANDS.md §1.1). */
final class Words {
    private Words() {
    }

    /** The text without one pair of surrounding {@code "…"} or {@code '…'} quotes. */
    static String unquote(String s) {
        if (s.length() >= 2) {
            char c = s.charAt(0);
            if ((c == '"' || c == '\'') && s.charAt(s.length() - 1) == c) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /** A literal or separator: quotes removed, {@code \n}, {@code \t}, {@code \r} turned into the characters. */
    static String literal(String word) {
        String s = unquote(word);
        if (s.indexOf('\\') < 0) {
            return s;
        }
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    }

    static boolean is(String word, String keyword) {
        return word.equalsIgnoreCase(keyword);
    }
}
