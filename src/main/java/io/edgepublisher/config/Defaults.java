package io.edgepublisher.config;

/**
 * The node's defaults, read from the one place that defines them: the bundled {@code application.properties} (AnyLog
 * ENV names). Code that needs a default when a dictionary key is missing (a node built without {@link EnvImport},
 * a command option left out) asks here instead of repeating the value.
 */
public final class Defaults {
    private Defaults() {
    }

    /** The default of {@code envName} (e.g. {@code DB_PORT}), or null when it has none. */
    public static String get(String envName) {
        return Settings.clean(Settings.bundledDefaults().get(envName));
    }

    /** A time default ({@code BLOCKCHAIN_SYNC}, {@code EP_TCP_IDLE_TIMEOUT}) in seconds. */
    public static long seconds(String envName) {
        String t = ValueParsing.time(get(envName));
        if (t == null) {
            throw new ConfigException("The bundled default of " + envName + " is not a time: " + get(envName));
        }
        return Units.parseTimeSeconds(t);
    }

    /** An integer default ({@code REST_THREADS}, {@code EP_RETRY_LIMIT}). */
    public static int integer(String envName) {
        String v = get(envName);
        if (v == null || !ValueParsing.isDigits(v)) {
            throw new ConfigException("The bundled default of " + envName + " is not an integer: " + v);
        }
        return Integer.parseInt(v);
    }

    /** A size default ({@code EP_TCP_MAX_MESSAGE}) in bytes. */
    public static long bytes(String envName) {
        long b = Units.parseStorageBytes(get(envName));
        if (b < 0) {
            throw new ConfigException("The bundled default of " + envName + " is not a size: " + get(envName));
        }
        return b;
    }

    /** The dictionary's value of {@code key}, or the default of {@code envName} when the key is missing. */
    public static String orDefault(Dictionary d, String key, String envName) {
        String v = d.get(key);
        return v != null ? v : get(envName);
    }
}
