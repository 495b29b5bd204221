package io.edgepublisher.intake.client;

/**
 * An MQTT topic filter with the {@code +} and {@code #} wildcards, optionally written as an MQTT 5 shared
 * subscription {@code $share/<group>/<filter>} (the broker splits the messages of the group; matching uses the
 * filter part). Topics starting with {@code $} are not matched by a leading wildcard, as MQTT requires.
 */
public final class TopicFilter {
    private final String text;
    private final String filter;
    private final String[] levels;

    private TopicFilter(String text, String filter) {
        this.text = text;
        this.filter = filter;
        this.levels = filter.split("/", -1);
    }

    public static TopicFilter of(String text) {
        if (text.startsWith("$share/")) {
            int slash = text.indexOf('/', 7);
            if (slash > 7 && slash < text.length() - 1) {
                return new TopicFilter(text, text.substring(slash + 1));
            }
        }
        return new TopicFilter(text, text);
    }

    /** The subscription as written (with a {@code $share/…} prefix if any). */
    public String text() {
        return text;
    }

    /** The topic filter without a shared-subscription prefix. */
    public String filter() {
        return filter;
    }

    public boolean hasWildcard() {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    public boolean matches(String topic) {
        if (!hasWildcard()) {
            return filter.equals(topic);
        }
        if (!topic.isEmpty() && topic.charAt(0) == '$' && (levels[0].equals("+") || levels[0].equals("#"))) {
            return false;
        }
        String[] t = topic.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!l.equals("+") && !l.equals(t[i])) {
                return false;
            }
        }
        return t.length == levels.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
