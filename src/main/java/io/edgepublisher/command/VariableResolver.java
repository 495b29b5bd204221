package io.edgepublisher.command;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.json.PyFloat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code !key} and {@code $VAR} words (COMMANDS.md §1.3–1.4): typed suffixes, slices, the path form
 * {@code !key/rest}, and the deferred form {@code !!key}. An undefined variable resolves to {@code null}; the caller
 * decides whether that drops a {@code where} pair, compares as empty, or fails with 138.
 */
public final class VariableResolver {
    private final Dictionary dictionary;
    private final Map<String, String> envOverrides = new ConcurrentHashMap<>();
    private final Map<String, String> processEnv;

    public VariableResolver(Dictionary dictionary, Map<String, String> processEnv) {
        this.dictionary = dictionary;
        this.processEnv = processEnv;
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    /** {@code $VAR = value}: visible to later {@code $VAR} references of this node only. */
    public void setEnv(String name, String value) {
        envOverrides.put(name, value);
    }

    public String env(String name) {
        String v = envOverrides.get(name);
        return v != null ? v : processEnv.get(name);
    }

    /** The text of a token with variables resolved, or null when it names an undefined variable. */
    public String resolve(Token t) {
        Value v = resolveValue(t);
        return v == null ? null : v.text();
    }

    /** Like {@link #resolve} but fails with 138 naming the variable when it is undefined. */
    public String resolveRequired(Token t) {
        String v = resolve(t);
        if (v == null) {
            throw undefined(t.text());
        }
        return v;
    }

    public Value resolveValue(Token t) {
        if (!t.isVariable()) {
            return Value.string(t.text());
        }
        return resolveText(t.text());
    }

    /** Resolves a word that starts with {@code !} or {@code $}. */
    public Value resolveText(String word) {
        if (word.startsWith("!!")) {
            return Value.string(word.substring(1));
        }
        if (word.charAt(0) == '$') {
            int end = 1;
            while (end < word.length() && (Character.isLetterOrDigit(word.charAt(end)) || word.charAt(end) == '_')) {
                end++;
            }
            String v = env(word.substring(1, end));
            return v == null ? null : Value.string(v + word.substring(end));
        }
        int end = 1;
        while (end < word.length() && isKeyChar(word.charAt(end))) {
            end++;
        }
        if (end == 1) {
            return Value.string(word);
        }
        String key = word.substring(1, end).toLowerCase(Locale.ROOT);
        String raw = dictionary.get(key);
        if (raw == null) {
            return null;
        }
        Value value = Value.string(raw);
        int i = end;
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '.') {
                int j = i + 1;
                while (j < word.length() && Character.isLetter(word.charAt(j))) {
                    j++;
                }
                String suffix = word.substring(i + 1, j).toLowerCase(Locale.ROOT);
                if (!isSuffix(suffix) || (j < word.length() && isKeyChar(word.charAt(j)))) {
                    break;
                }
                value = applySuffix(key, value, suffix);
                i = j;
            } else if (c == '[') {
                int close = word.indexOf(']', i);
                if (close < 0) {
                    break;
                }
                value = Value.string(slice(key, value.text(), word.substring(i + 1, close)));
                i = close + 1;
            } else {
                break;
            }
        }
        if (i < word.length()) {
            value = new Value(value.text() + word.substring(i), Value.Type.STRING);
        }
        return value;
    }

    public static CommandException undefined(String word) {
        return new CommandException(ErrorCode.UNINITIALIZED_VARIABLE, "Variable '" + word + "' is not defined");
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isSuffix(String s) {
        switch (s) {
            case "int": case "float": case "bool": case "str": case "len": case "name": case "replies": case "diff":
                return true;
            default:
                return false;
        }
    }

    private static Value applySuffix(String key, Value v, String suffix) {
        String t = v.text().trim();
        switch (suffix) {
            case "int":
                try {
                    return new Value(Long.toString(Long.parseLong(t)), Value.Type.INT);
                } catch (NumberFormatException e) {
                    throw wrong(key, suffix, v.text());
                }
            case "float":
                try {
                    return new Value(PyFloat.repr(Double.parseDouble(t)), Value.Type.FLOAT);
                } catch (NumberFormatException e) {
                    throw wrong(key, suffix, v.text());
                }
            case "bool":
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return new Value(t.toLowerCase(Locale.ROOT), Value.Type.BOOL);
                }
                throw wrong(key, suffix, v.text());
            case "str":
                return Value.string(v.text());
            case "len":
                return new Value(Integer.toString(length(v.text())), Value.Type.INT);
            case "name":
                return Value.string(v.text().toLowerCase(Locale.ROOT).replace(' ', '_'));
            default:
                throw new CommandException(ErrorCode.NOT_SUPPORTED, "Suffix '." + suffix + "' is not supported");
        }
    }

    private static int length(String text) {
        String t = text.trim();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                Object o = io.edgepublisher.json.JsonParser.parse(t);
                if (o instanceof Map) {
                    return ((Map<?, ?>) o).size();
                }
                if (o instanceof java.util.List) {
                    return ((java.util.List<?>) o).size();
                }
            } catch (io.edgepublisher.json.JsonException e) {
                // not JSON: count characters
            }
        }
        return text.length();
    }

    private static String slice(String key, String s, String spec) {
        try {
            int colon = spec.indexOf(':');
            int n = s.length();
            if (colon < 0) {
                int idx = Integer.parseInt(spec.trim());
                idx = idx < 0 ? n + idx : idx;
                return idx < 0 || idx >= n ? "" : s.substring(idx, idx + 1);
            }
            String a = spec.substring(0, colon).trim();
            String b = spec.substring(colon + 1).trim();
            int from = a.isEmpty() ? 0 : clampIndex(Integer.parseInt(a), n);
            int to = b.isEmpty() ? n : clampIndex(Integer.parseInt(b), n);
            return from >= to ? "" : s.substring(from, to);
        } catch (NumberFormatException e) {
            throw new CommandException(ErrorCode.WRONG_VALUE, "Bad slice [" + spec + "] on '!" + key + "'");
        }
    }

    private static int clampIndex(int i, int n) {
        if (i < 0) {
            i += n;
        }
        return Math.max(0, Math.min(n, i));
    }

    private static CommandException wrong(String key, String suffix, String value) {
        return new CommandException(ErrorCode.WRONG_VALUE,
            "Value '" + value + "' of '!" + key + "' is not a valid ." + suffix);
    }
}
