package io.edgepublisher.command;

import io.edgepublisher.config.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed access to a checked {@code where} list (see {@link OptionSpec}). */
public final class Options {
    private final String command;
    private final Map<String, List<WherePair>> values;

    Options(String command, Map<String, List<WherePair>> values) {
        this.command = command;
        this.values = values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String text(String key, String def) {
        List<WherePair> l = values.get(key);
        return l == null ? def : l.get(0).value();
    }

    /** The value, or 2 with {@code Missing '<key>' in '<command>'}. */
    public String required(String key) {
        String v = text(key, null);
        if (v == null) {
            throw missing(key);
        }
        return v;
    }

    public CommandException missing(String key) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, "Missing '" + key + "' in '" + command + "'");
    }

    public WherePair pair(String key) {
        List<WherePair> l = values.get(key);
        return l == null ? null : l.get(0);
    }

    public List<WherePair> all(String key) {
        List<WherePair> l = values.get(key);
        return l == null ? List.of() : l;
    }

    public List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        for (WherePair p : all(key)) {
            out.add(p.value());
        }
        return out;
    }

    public int integer(String key, int def) {
        String v = text(key, null);
        return v == null ? def : parseInt(v);
    }

    public long longValue(String key, long def) {
        String v = text(key, null);
        return v == null ? def : Long.parseLong(v.trim());
    }

    public boolean bool(String key, boolean def) {
        String v = text(key, null);
        return v == null ? def : v.equalsIgnoreCase("true");
    }

    public long seconds(String key, long def) {
        String v = text(key, null);
        return v == null ? def : Units.parseTimeSeconds(v);
    }

    public long bytes(String key, long def) {
        String v = text(key, null);
        return v == null ? def : Units.parseStorageBytes(v);
    }

    public Integer fileIndex(String key, int def) {
        String v = text(key, null);
        return v == null ? Integer.valueOf(def) : parseFileIndex(v);
    }

    public WhereList list(String key) {
        WherePair p = pair(key);
        return p == null ? null : p.sub();
    }

    static Integer parseInt(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code file_name[<n>]}, n may be negative. */
    public static Integer parseFileIndex(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (!t.startsWith("file_name[") || !t.endsWith("]")) {
            return null;
        }
        return parseInt(t.substring("file_name[".length(), t.length() - 1));
    }

    public static boolean isIpPort(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            return false;
        }
        Integer port = parseInt(v.substring(colon + 1));
        if (port == null || port < 1 || port > 65535 || v.substring(colon + 1).startsWith("+")) {
            return false;
        }
        String host = v.substring(0, colon);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
