package io.edgepublisher.config;

import java.util.Locale;

/** Parsing rules for ENV values (CONFIG.md §3) shared by the ENV import and its tests. */
public final class ValueParsing {
    private ValueParsing() {
    }

    /**
     * AnyLog's asymmetric boolean rule: a variable that defaults to false becomes true only for {@code true},
     * {@code True} or {@code TRUE}; one that defaults to true becomes false only for the three spellings of false.
     */
    public static boolean bool(String value, boolean def) {
        if (value == null) {
            return def;
        }
        if (def) {
            return !(value.equals("false") || value.equals("False") || value.equals("FALSE"));
        }
        return value.equals("true") || value.equals("True") || value.equals("TRUE");
    }

    /** True when the value is one of the six spellings the boolean rule knows. */
    public static boolean isBoolSpelling(String value) {
        return value.equals("true") || value.equals("True") || value.equals("TRUE")
            || value.equals("false") || value.equals("False") || value.equals("FALSE");
    }

    public static boolean isDigits(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A time value normalised to {@code <n> <unit>}; a bare number means seconds. Null when invalid. */
    public static String time(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (isDigits(v)) {
            return v + " seconds";
        }
        String[] parts = v.split("\\s+");
        if (parts.length == 2 && isDigits(parts[0]) && Units.timeUnitSeconds(parts[1]) > 0) {
            return parts[0] + " " + parts[1].toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
