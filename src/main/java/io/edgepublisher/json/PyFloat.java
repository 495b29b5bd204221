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
        return sb.toString();
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
