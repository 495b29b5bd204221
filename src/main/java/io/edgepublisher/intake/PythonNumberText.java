package io.edgepublisher.intake;

import io.edgepublisher.json.PyFloat;

/**
 * Python {@code json.dumps} text of a JSON number token: integers verbatim (Python's {@code int("-0")} is 0), floats
 * verbatim when already in {@code repr} form (the common case, no parsing), otherwise through {@link PyFloat}.
 */
final class PythonNumberText {
    private PythonNumberText() {
    }

    /**
     * @param start first character of the token ({@code -} included)
     * @param intStart first digit of the integer part
     * @param intEnd end of the integer part
     * @param fracEnd end of the fraction digits, or -1 when there is no fraction
     * @param exp whether the token has an exponent
     * @param end end of the token
     */
    static void append(StringBuilder out, String s, int start, int intStart, int intEnd, int fracEnd, boolean exp,
            int end) {
        if (fracEnd < 0 && !exp) {
            // Integers verbatim; Python's int("-0") is 0.
            if (end - start == 2 && s.charAt(start) == '-' && s.charAt(start + 1) == '0') {
                out.append('0');
            } else {
                out.append(s, start, end);
            }
        } else if (!exp && isPythonRepr(s, intStart, intEnd, fracEnd)) {
            out.append(s, start, end);
        } else {
            out.append(PyFloat.repr(Double.parseDouble(s.substring(start, end))));
        }
    }

    /**
     * True when {@code <int>.<frac>} is already what Python's {@code repr} prints: no superfluous trailing zero, at
     * most 15 significant digits (then the digits are the shortest round-trip ones) and a decimal exponent in
     * [-4, 15] (positional notation).
     */
    private static boolean isPythonRepr(String s, int intStart, int intEnd, int fracEnd) {
        int fracStart = intEnd + 1;
        int fracLen = fracEnd - fracStart;
        if (fracLen > 1 && s.charAt(fracEnd - 1) == '0') {
            return false;
        }
        boolean intZero = intEnd - intStart == 1 && s.charAt(intStart) == '0';
        if (!intZero) {
            int intLen = intEnd - intStart;
            if (intLen > 16) {
                return false;
            }
            int sig;
            if (fracLen == 1 && s.charAt(fracStart) == '0') {
                int last = intEnd - 1;
                while (s.charAt(last) == '0') {
                    last--;
                }
                sig = last - intStart + 1;
            } else {
                sig = intLen + fracLen;
            }
            return sig <= 15;
        }
        int lead = 0;
        while (lead < fracLen && s.charAt(fracStart + lead) == '0') {
            lead++;
        }
        if (lead == fracLen) {
            return fracLen == 1; // 0.0 and -0.0
        }
        return lead <= 3 && fracLen - lead <= 15;
    }
}
