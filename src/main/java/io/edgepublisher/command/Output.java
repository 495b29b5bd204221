package io.edgepublisher.command;

/** What a command printed; null text means "no output". */
public record Output(String text) {
    private static final Output NONE = new Output(null);

    public static Output none() {
        return NONE;
    }

    public static Output text(String text) {
        return new Output(text);
    }

    public boolean isEmpty() {
        return text == null || text.isEmpty();
    }

    /** JSON output starts with <code>{</code> or {@code [} after leading white space (REST.md §5.1). */
    public boolean isJson() {
        return text != null && looksLikeJson(text);
    }

    public static boolean looksLikeJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }
}
