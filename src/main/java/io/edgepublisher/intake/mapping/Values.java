package io.edgepublisher.intake.mapping;

/** Small text helpers shared by the mapping classes. */
final class Values {
    private Values() {
    }

    /** Removes one pair of matching outer quotes ({@code "…"} or {@code '…'}). */
    static String unquote(String s) {
        int n = s.length();
        if (n >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(n - 1) == s.charAt(0)) {
            return s.substring(1, n - 1);
        }
        return s;
    }

    /** A list index written as decimal digits, or -1. */
    static int index(String key) {
        if (key.isEmpty() || key.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** True for {@code now} and {@code now()}, any case. */
    static boolean isNow(String s) {
        return s.equalsIgnoreCase("now") || s.equalsIgnoreCase("now()");
    }
}
