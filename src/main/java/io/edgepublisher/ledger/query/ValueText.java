package io.edgepublisher.ledger.query;

import io.edgepublisher.json.PyRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How policy values print in {@code bring} output and compare in {@code where} conditions (LEDGER.md §5.2–5.3). */
final class ValueText {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    private ValueText() {
    }

    /**
     * The text of a value in {@code bring} output: strings unquoted, numbers and booleans as Python {@code str()},
     * a list as its elements joined by {@code ,}, an object as Python {@code str()}, null as nothing.
     */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder();
            for (Object o : (List<?>) v) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(text(o));
            }
            return sb.toString();
        }
        return PyRepr.str(v);
    }

    /** The exact decimal value of a JSON number, or of text that reads as a number; null otherwise. */
    static BigDecimal number(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            if (NUMBER.matcher(s).matches()) {
                try {
                    return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static boolean isJsonNumber(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Double;
    }

    /** Equality of a policy scalar with condition text: {@code *} matches, strings ignore case, numbers by value. */
    static boolean matches(Object policyValue, String given) {
        if (policyValue instanceof String) {
            String s = (String) policyValue;
            return s.equals("*") || lower(s).equals(lower(given));
        }
        if (isJsonNumber(policyValue)) {
            BigDecimal g = number(given);
            if (g != null) {
                return number(policyValue).compareTo(g) == 0;
            }
            return lower(PyRepr.str(policyValue)).equals(lower(given));
        }
        if (policyValue instanceof Boolean) {
            return policyValue.toString().equals(lower(given));
        }
        return false;
    }

    /**
     * Order of a policy scalar relative to condition text: numerically when both are numbers, case-insensitively
     * when the policy value is a string; null when they cannot be ordered.
     */
    static Integer compare(Object policyValue, String given) {
        if (isJsonNumber(policyValue)) {
            BigDecimal g = number(given);
            return g == null ? null : number(policyValue).compareTo(g);
        }
        if (policyValue instanceof String) {
            return Integer.signum(lower((String) policyValue).compareTo(lower(given)));
        }
        return null;
    }

    /** Python {@code str.capitalize()}: the first character upper case, the rest lower case. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
            .append(lower(s.substring(n))).toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
