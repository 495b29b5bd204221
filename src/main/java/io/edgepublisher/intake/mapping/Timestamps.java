package io.edgepublisher.intake.mapping;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Timestamp column values (INTAKE.md §3.6), written without {@code java.time} formatters because they run once per
 * row on the hot path.
 * <ul>
 * <li>JSON number or string of digits: epoch milliseconds → {@code YYYY-MM-DD HH:MM:SS.ffffff} (UTC, milliseconds
 * kept, e.g. {@code .550000});</li>
 * <li>ISO date-time with a {@code ±HH:MM} offset → UTC {@code YYYY-MM-DDTHH:MM:SS[.f…]Z}, fraction digits as given;</li>
 * <li>{@code YYYY-MM-DD[T ]HH:MM:SS[.f…][Z]} → kept as sent;</li>
 * <li>anything else → not a timestamp.</li>
 * </ul>
 */
final class Timestamps {
    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the years that print as four digits. */
    private static final long MIN_MS = -62135596800000L;
    private static final long MAX_MS = 253402300799999L;

    private Timestamps() {
    }

    /** Appends the quoted timestamp text for {@code v}; false when {@code v} is not a timestamp (nothing appended). */
    static boolean write(StringBuilder sb, Object v) {
        if (v instanceof Long) {
            return epochMillis(sb, (Long) v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return d >= MIN_MS && d <= MAX_MS && epochMillis(sb, (long) Math.floor(d));
        }
        if (v instanceof BigInteger) {
            return false; // beyond the long range, hence beyond year 9999
        }
        if (v instanceof String) {
            return string(sb, (String) v);
        }
        return false;
    }

    /** The current time as {@code "YYYY-MM-DDTHH:MM:SS.ffffffZ"}, quoted. */
    static String nowQuoted(Instant now) {
        StringBuilder sb = new StringBuilder(30);
        sb.append('"');
        long sec = now.getEpochSecond();
        civil(sb, Math.floorDiv(sec, 86400L), (int) Math.floorMod(sec, 86400L), 'T');
        sb.append('.');
        pad(sb, now.getNano() / 1000, 6);
        sb.append('Z').append('"');
        return sb.toString();
    }

    private static boolean string(StringBuilder sb, String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        if (allDigits(s)) {
            if (n > 18) {
                return false;
            }
            return epochMillis(sb, Long.parseLong(s));
        }
        // YYYY-MM-DD?HH:MM:SS
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        int fracStart = i;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == fracStart + 1) {
                return false;
            }
        }
        int fracEnd = i;
        if (i == n || (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z'))) {
            quote(sb, s); // naive (UTC) or already UTC: kept as sent
            return true;
        }
        // ±HH:MM
        if (i != n - 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return false;
        }
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) {
            return false;
        }
        long offset = (oh * 3600L + om * 60L) * (s.charAt(i) == '-' ? -1 : 1);
        long secs = daysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second - offset;
        long days = Math.floorDiv(secs, 86400L);
        if (days < -719162 || days > 2932896) { // outside years 1..9999 after the shift
            return false;
        }
        sb.append('"');
        civil(sb, days, (int) Math.floorMod(secs, 86400L), 'T');
        sb.append(s, fracStart, fracEnd).append('Z').append('"');
        return true;
    }

    private static boolean epochMillis(StringBuilder sb, long ms) {
        if (ms < MIN_MS || ms > MAX_MS) {
            return false;
        }
        long sec = Math.floorDiv(ms, 1000L);
        sb.append('"');
        civil(sb, Math.floorDiv(sec, 86400L), (int) Math.floorMod(sec, 86400L), ' ');
        sb.append('.');
        pad(sb, (int) Math.floorMod(ms, 1000L), 3);
        sb.append("000\"");
        return true;
    }

    /** Appends {@code YYYY-MM-DD<sep>HH:MM:SS} for a day number (days since 1970-01-01) and a second of the day. */
    private static void civil(StringBuilder sb, long days, int secOfDay, char sep) {
        // H. Hinnant's civil_from_days.
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, m, 2);
        sb.append('-');
        pad(sb, d, 2);
        sb.append(sep);
        pad(sb, secOfDay / 3600, 2);
        sb.append(':');
        pad(sb, secOfDay / 60 % 60, 2);
        sb.append(':');
        pad(sb, secOfDay % 60, 2);
    }

    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static int daysInMonth(int y, int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static void pad(StringBuilder sb, int v, int width) {
        int len = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : 6;
        for (int i = len; i < width; i++) {
            sb.append('0');
        }
        sb.append(v);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"').append(s).append('"'); // validated: digits, '-', ':', '.', 'T', ' ', 'Z' only
    }

    /** Parses {@code len} ASCII digits at {@code from}; -1 when any is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
