package io.edgepublisher.config;

import java.util.Locale;

/** Time and storage units of the command language (COMMANDS.md §1.6). */
public final class Units {
    private Units() {
    }

    /** Seconds per unit word, or -1 for a word that is not a time unit. */
    public static long timeUnitSeconds(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "second":
            case "seconds":
                return 1;
            case "minute":
            case "minutes":
                return 60;
            case "hour":
            case "hours":
                return 3600;
            case "day":
            case "days":
                return 86400;
            default:
                return -1;
        }
    }

    /** {@code <n> <unit>} in seconds, or -1 when the text is not exactly two such words. */
    public static long parseTimeSeconds(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2 || !ValueParsing.isDigits(parts[0])) {
            return -1;
        }
        long mult = timeUnitSeconds(parts[1]);
        if (mult < 0) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(parts[0]), mult);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    /** {@code <n>}, {@code <n>KB} … {@code <n>TB} (binary multiples) in bytes, or -1 when malformed. */
    public static long parseStorageBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        String[] suffixes = {"KB", "MB", "GB", "TB"};
        for (int i = 0; i < suffixes.length; i++) {
            if (t.endsWith(suffixes[i])) {
                mult = 1L << (10 * (i + 1));
                t = t.substring(0, t.length() - 2);
                break;
            }
        }
        if (!ValueParsing.isDigits(t)) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), mult);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    /** A byte count with thousands separators, as {@code get processes} prints it ({@code 10,240}). */
    public static String withThousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
