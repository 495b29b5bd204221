package io.edgepublisher.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest digit string that reads back as the same double, positional when the
 * decimal exponent is in [-4, 15], otherwise scientific with a sign and at least two exponent digits
 * ({@code 1e-05}, {@code 1e+16}). Java 17's {@code Double.toString} is close but occasionally one digit too long
 * and uses another layout, so the digits are derived here from the exact binary value.
 */
public final class PyFloat {
    private PyFloat() {
    }

    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        String fast = fastRepr(d);
        if (fast != null) {
            return fast;
        }
        return exactRepr(d);
    }

    /**
     * Fast path for the common case. Any decimal of at most 15 significant digits that reads back as a normal double
     * is the only such decimal (DBL_DIG = 15), hence it is the shortest one and Python prints exactly its digits.
     * Java's own (not always shortest) {@code Double.toString} supplies the candidate; the read-back check makes the
     * result independent of Java's quirks. Returns null when the slow exact path is needed.
     */
    static String fastRepr(double d) {
        double abs = Math.abs(d);
        if (abs < 1e-300 || abs > 1e300) {
            return null;
        }
        String j = Double.toString(abs);
        int ePos = j.indexOf('E');
        int end = ePos < 0 ? j.length() : ePos;
        int exp10 = ePos < 0 ? 0 : Integer.parseInt(j, ePos + 1, j.length(), 10);
        // j[0:end] is "<int>.<frac>"; collect its significant digits and the decimal exponent of the first one.
        char[] digits = new char[end];
        int n = 0;
        int firstExp = Integer.MIN_VALUE;
        int place = j.indexOf('.');
        int intLen = place < 0 ? end : place;
        for (int i = 0; i < end; i++) {
            char c = j.charAt(i);
            if (c == '.') {
                continue;
            }
            int e = (i < intLen ? intLen - 1 - i : intLen - i) + exp10;
            if (n == 0 && c == '0') {
                continue;
            }
            if (n == 0) {
                firstExp = e;
            }
            digits[n++] = c;
        }
        while (n > 1 && digits[n - 1] == '0') {
            n--;
        }
        if (n == 0 || n > 15) {
            return null;
        }
        String candidate = new String(digits, 0, n);
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        int start = sb.length();
        if (firstExp >= -4 && firstExp <= 15) {
            positional(sb, candidate, firstExp);
        } else {
            scientific(sb, candidate, firstExp);
        }
        if (Double.parseDouble(sb.substring(start)) != abs) {
            return null;
        }
        return sb.toString();
    }

    static String exactRepr(double d) {
        BigDecimal exact = new BigDecimal(d);
        int n = significantDigits(Double.toString(Math.abs(d)));
        // A shorter string exists iff the value rounded to one digit less still reads back as d.
        while (n > 1 && round(exact, n - 1).doubleValue() == d) {
            n--;
        }
        BigDecimal shortest = round(exact, n);
        String digits = shortest.unscaledValue().abs().toString();
        // Strip trailing zeros that the rounding may leave (e.g. 100 with 1 significant digit).
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        int exponent = digits.length() - 1 - shortest.scale();
        digits = digits.substring(0, end);
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (exponent >= -4 && exponent <= 15) {
            positional(sb, digits, exponent);
        } else {
            scientific(sb, digits, exponent);
        }
        return sb.toString();
    }

    private static void scientific(StringBuilder sb, String digits, int exponent) {
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        sb.append(abs);
    }

    private static void positional(StringBuilder sb, String digits, int exponent) {
        if (exponent < 0) {
            sb.append("0.");
            for (int i = -1; i > exponent; i--) {
                sb.append('0');
            }
            sb.append(digits);
            return;
        }
        int intLen = exponent + 1;
        if (digits.length() <= intLen) {
            sb.append(digits);
            for (int i = digits.length(); i < intLen; i++) {
                sb.append('0');
            }
            sb.append(".0");
        } else {
            sb.append(digits, 0, intLen).append('.').append(digits, intLen, digits.length());
        }
    }

    private static BigDecimal round(BigDecimal exact, int digits) {
        return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    private static int significantDigits(String javaRepr) {
        int count = 0;
        boolean leading = true;
        int lastNonZero = 0;
        for (int i = 0; i < javaRepr.length(); i++) {
            char c = javaRepr.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c < '0' || c > '9') {
                continue;
            }
            if (leading && c == '0') {
                continue;
            }
            leading = false;
            count++;
            if (c != '0') {
                lastNonZero = count;
            }
        }
        return Math.max(1, lastNonZero);
    }
}
