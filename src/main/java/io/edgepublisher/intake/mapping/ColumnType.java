package io.edgepublisher.intake.mapping;

import io.edgepublisher.json.CompactJson;
import io.edgepublisher.json.PyFloat;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * The column types of a topic mapping and their conversions (INTAKE.md §3.5, §3.7). {@link #write} appends the JSON
 * text of a value for the row, or reports that the value does not convert.
 */
public enum ColumnType {
    STR, INT, FLOAT, BOOL, TIMESTAMP;

    private static final Map<String, ColumnType> SHORT = Map.of(
            "str", STR, "int", INT, "float", FLOAT, "timestamp", TIMESTAMP, "bool", BOOL);

    private static final Map<String, ColumnType> LONG = Map.ofEntries(
            Map.entry("str", STR), Map.entry("string", STR), Map.entry("varchar", STR), Map.entry("char", STR),
            Map.entry("text", STR), Map.entry("int", INT), Map.entry("integer", INT), Map.entry("int32", INT),
            Map.entry("int64", INT), Map.entry("bigint", INT), Map.entry("smallint", INT), Map.entry("float", FLOAT),
            Map.entry("double", FLOAT), Map.entry("real", FLOAT), Map.entry("decimal", FLOAT),
            Map.entry("numeric", FLOAT), Map.entry("bool", BOOL), Map.entry("boolean", BOOL),
            Map.entry("timestamp", TIMESTAMP), Map.entry("datetime", TIMESTAMP));

    /**
     * Type names that devices put in messages (EdgeX {@code valueType}, OPC UA) besides the long-form names; only
     * accepted when the type is read with {@code bring}.
     */
    private static final Map<String, ColumnType> DEVICE = Map.of(
            "float32", FLOAT, "float64", FLOAT, "int8", INT, "int16", INT, "uint8", INT, "uint16", INT,
            "uint32", INT, "uint64", INT);

    /** Type of the short form {@code column.<name>.<type>}; null when not one of str, int, float, timestamp, bool. */
    public static ColumnType ofShortForm(String name) {
        return SHORT.get(name.toLowerCase(Locale.ROOT));
    }

    /** Type of the long form {@code (type = <type> …)}; null when unknown. */
    public static ColumnType ofLongForm(String name) {
        return LONG.get(name.toLowerCase(Locale.ROOT));
    }

    /** Type name read from a message with {@code bring}; null when unknown. */
    static ColumnType ofMessage(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        ColumnType t = LONG.get(n);
        return t != null ? t : DEVICE.get(n);
    }

    /**
     * Appends the row text of {@code v} (a parsed JSON value, or a literal string) for this type.
     *
     * @return false, with nothing appended, when the value does not convert
     */
    boolean write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
            return true;
        }
        switch (this) {
            case STR:
                return writeStr(sb, v);
            case INT:
                return writeInt(sb, v);
            case FLOAT:
                return writeFloat(sb, v);
            case BOOL:
                return writeBool(sb, v);
            default:
                return Timestamps.write(sb, v);
        }
    }

    private static boolean writeStr(StringBuilder sb, Object v) {
        if (v instanceof String) {
            CompactJson.quote(sb, (String) v);
        } else if (v instanceof Long || v instanceof BigInteger) {
            sb.append('"').append(v).append('"');
        } else if (v instanceof Double) {
            sb.append('"').append(PyFloat.repr((Double) v)).append('"');
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "\"true\"" : "\"false\"");
        } else {
            return false; // objects and lists are not scalars
        }
        return true;
    }

    /**
     * {@code int} columns hold 64-bit integers: a larger number (the parser gives it as a {@link BigInteger}) does not
     * convert, and fails the message like any other wrong value.
     */
    private static boolean writeInt(StringBuilder sb, Object v) {
        if (v instanceof Long) {
            sb.append(v);
            return true;
        }
        if (!(v instanceof String) || !fitsInLong((String) v)) {
            return false;
        }
        return appendInteger(sb, (String) v);
    }

    /** A string of digits with an optional sign whose value is a 64-bit integer. */
    private static boolean fitsInLong(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        try {
            Long.parseLong(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean writeFloat(StringBuilder sb, Object v) {
        if (v instanceof Long || v instanceof BigInteger) {
            sb.append(v); // a JSON integer stays an integer, as EdgeLake writes it
            return true;
        }
        if (v instanceof Double) {
            sb.append(PyFloat.repr((Double) v));
            return true;
        }
        if (!(v instanceof String)) {
            return false;
        }
        String s = (String) v;
        if (appendInteger(sb, s)) {
            return true;
        }
        if (!isDecimal(s)) {
            return false;
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            return false;
        }
        sb.append(PyFloat.repr(d));
        return true;
    }

    private static boolean writeBool(StringBuilder sb, Object v) {
        Boolean b = null;
        if (v instanceof Boolean) {
            b = (Boolean) v;
        } else if (v instanceof Long) {
            long l = (Long) v;
            b = l == 0 ? Boolean.FALSE : l == 1 ? Boolean.TRUE : null;
        } else if (v instanceof String) {
            String s = (String) v;
            if (s.equalsIgnoreCase("true") || s.equals("1")) {
                b = Boolean.TRUE;
            } else if (s.equalsIgnoreCase("false") || s.equals("0")) {
                b = Boolean.FALSE;
            }
        }
        if (b == null) {
            return false;
        }
        sb.append(b ? "true" : "false");
        return true;
    }

    /** A string of digits with an optional sign, appended as a canonical JSON integer. */
    private static boolean appendInteger(StringBuilder sb, String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i == n) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        while (i < n - 1 && s.charAt(i) == '0') {
            i++;
        }
        if (negative && !(n - i == 1 && s.charAt(i) == '0')) {
            sb.append('-');
        }
        sb.append(s, i, n);
        return true;
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} — a finite decimal number. */
    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The name shown in messages and listings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
