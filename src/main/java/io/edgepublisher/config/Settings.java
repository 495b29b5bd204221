package io.edgepublisher.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The node's raw configuration, merged from its three sources in rising precedence (CONFIG.md §1):
 * {@code application.properties}, then the environment, then {@code --key=value} arguments. Keys are the AnyLog ENV
 * names (upper case); a property or argument named in lower case or with dots ({@code anylog.rest.port}) is
 * matched to the same ENV name. Keys starting with {@code camel.} are left to Camel.
 */
public final class Settings {
    private final Map<String, String> values;
    private final Map<String, String> origin;

    private Settings(Map<String, String> values, Map<String, String> origin) {
        this.values = values;
        this.origin = origin;
    }

    /** The origin of a value that comes from the bundled application.properties: the node's default. */
    public static final String DEFAULT = "default";

    /**
     * The settings, lowest precedence first: the defaults (the bundled {@code application.properties}, the one place
     * that defines them), {@code properties} (an {@code application.properties} in the working directory), the
     * environment, then the command line.
     */
    public static Settings of(Map<String, String> properties, Map<String, String> env, Map<String, String> args) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, String> o = new LinkedHashMap<>();
        merge(v, o, bundledDefaults(), DEFAULT);
        merge(v, o, properties, "application.properties");
        merge(v, o, env, "environment");
        merge(v, o, args, "command line");
        return new Settings(v, o);
    }

    private static void merge(Map<String, String> v, Map<String, String> o, Map<String, String> src, String name) {
        if (src == null) {
            return;
        }
        for (Map.Entry<String, String> e : src.entrySet()) {
            if (e.getKey() == null || e.getKey().startsWith("camel.")) {
                continue;
            }
            String key = envName(e.getKey());
            v.put(key, e.getValue());
            o.put(key, name);
        }
    }

    /** {@code anylog.rest.port}, {@code anylog_rest_port} and {@code ANYLOG_REST_PORT} name the same setting. */
    public static String envName(String key) {
        return key.trim().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The value of a setting after CONFIG.md §1 rule 4: trimmed, one pair of matching enclosing quotes removed, and
     * the empty string counted as unset (null).
     */
    public String get(String name) {
        return clean(values.get(name));
    }

    /** The raw value, where "set to the empty string" must be told apart from "unset" ({@code LEDGER_CONN}). */
    public String raw(String name) {
        return values.get(name);
    }

    public boolean isSet(String name) {
        return get(name) != null;
    }

    /** True when the value is the bundled default: nothing (file, ENV, argument) set this name. */
    public boolean isDefault(String name) {
        return DEFAULT.equals(origin.get(name));
    }

    public String origin(String name) {
        return origin.get(name);
    }

    public Map<String, String> all() {
        return values;
    }

    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 2) {
            char a = v.charAt(0);
            char b = v.charAt(v.length() - 1);
            if ((a == '"' || a == '\'') && a == b) {
                v = v.substring(1, v.length() - 1).trim();
            }
        }
        return v.isEmpty() ? null : v;
    }

    private static volatile Map<String, String> bundled;

    /** The bundled {@code application.properties} (in the jar): the defaults of every setting that has one. */
    public static Map<String, String> bundledDefaults() {
        Map<String, String> m = bundled;
        if (m == null) {
            try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
                if (in == null) {
                    throw new ConfigException("The bundled application.properties is missing from the class path");
                }
                m = java.util.Collections.unmodifiableMap(loadProperties(in));
            } catch (IOException e) {
                throw new ConfigException("Cannot read the bundled application.properties: " + e.getMessage());
            }
            bundled = m;
        }
        return m;
    }

    public static Map<String, String> loadProperties(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return toMap(p);
        }
    }

    public static Map<String, String> loadProperties(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        return toMap(p);
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    /** {@code --key=value} pairs of the command line; other arguments are ignored here. */
    public static Map<String, String> fromArgs(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.indexOf('=') > 2) {
                int eq = a.indexOf('=');
                m.put(a.substring(2, eq), a.substring(eq + 1));
            }
        }
        return m;
    }
}
