package io.edgepublisher.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node dictionary: a flat map of lower-case keys to text values (CONFIG.md §5), read by {@code !key} references
 * in commands and scripts. Values are stored as text exactly as given; typed suffixes convert at use.
 */
public final class Dictionary {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public String get(String key) {
        return values.get(normalise(key));
    }

    public String getOrDefault(String key, String def) {
        String v = get(key);
        return v == null ? def : v;
    }

    public boolean isDefined(String key) {
        return values.containsKey(normalise(key));
    }

    public void put(String key, String value) {
        if (value == null) {
            values.remove(normalise(key));
        } else {
            values.put(normalise(key), value);
        }
    }

    public void remove(String key) {
        values.remove(normalise(key));
    }

    /** A sorted copy, for listings. */
    public Map<String, String> snapshot() {
        return Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Keys whose values must never be shown: passwords, secrets and keys (COMMANDS.md §4.29). */
    public static boolean isSecret(String key) {
        String k = normalise(key);
        return k.contains("passw") || k.contains("secret") || k.contains("key");
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
