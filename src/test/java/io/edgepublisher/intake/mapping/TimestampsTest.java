package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** INTAKE.md §3.6. */
class TimestampsTest {
    private static String ts(Object v) {
        StringBuilder sb = new StringBuilder();
        assertTrue(Timestamps.write(sb, v), () -> "not a timestamp: " + v);
        return sb.toString();
    }

    @Test
    void epochMillisKeepMilliseconds() {
        assertEquals("\"2020-12-14 15:23:47.550000\"", ts(1607959427550L));
        assertEquals("\"2020-12-14 15:23:47.550000\"", ts("1607959427550"));
        assertEquals("\"1970-01-01 00:00:00.000000\"", ts(0L));
        assertEquals("\"1969-12-31 23:59:59.999000\"", ts(-1L));
        assertEquals("\"1970-01-20 20:16:04.800000\"", ts(1714564800L), "epoch seconds land in 1970");
        assertEquals("\"2024-05-01 12:00:00.123000\"", ts(1714564800123.9), "a JSON float is floored to the ms");
    }

    @Test
    void epochMillisAgreeWithJavaTime() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS'000'");
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20000; i++) {
            long ms = r.nextLong(-62135596800000L, 253402300799999L);
            String expected = "\"" + LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC).format(f) + "\"";
            assertEquals(expected, ts(ms), "ms " + ms);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-04-17T12:00:00+02:00|2024-04-17T10:00:00Z",
        "2024-05-01T12:00:00.5+02:00|2024-05-01T10:00:00.5Z",
        "2024-01-01T01:00:00.123456789+02:00|2023-12-31T23:00:00.123456789Z",
        "2024-02-28T20:00:00-05:30|2024-02-29T01:30:00Z",
        "2024-05-01 12:00:00+00:00|2024-05-01T12:00:00Z",
    })
    void offsetsAreConvertedToUtcKeepingTheFraction(String in, String out) {
        assertEquals("\"" + out + "\"", ts(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:00:00.000000Z", "2024-05-01T10:00:01Z", "2024-05-01 10:00:02",
        "2024-05-01T10:00:02", "2024-05-01 10:00:02.25", "2024-02-29 00:00:00"})
    void formsKeptAsSent(String in) {
        assertEquals("\"" + in + "\"", ts(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-05-01", "2024-13-01 00:00:00", "2023-02-29 00:00:00",
        "2024-05-01T25:00:00Z", "2024-05-01T10:00:00+0200", "2024-05-01T10:00:00.Z", "2024-05-01T10:00:00 UTC",
        "12.5", "-5", "99999999999999999999", "2024-05-01T10:00:00+02:00x"})
    void otherTextIsNotATimestamp(String in) {
        StringBuilder sb = new StringBuilder();
        assertFalse(Timestamps.write(sb, in));
        assertEquals(0, sb.length());
    }

    @Test
    void nonScalarsAndOutOfRange() {
        assertFalse(Timestamps.write(new StringBuilder(), Boolean.TRUE));
        assertFalse(Timestamps.write(new StringBuilder(), 253402300800000L));
        assertFalse(Timestamps.write(new StringBuilder(), new java.math.BigInteger("123456789012345678901234")));
    }

    @Test
    void nowHasMicroseconds() {
        assertEquals("\"2024-04-17T10:00:00.123456Z\"", Timestamps.nowQuoted(Instant.parse("2024-04-17T10:00:00.123456789Z")));
        assertEquals("\"2024-04-17T10:00:00.000000Z\"", Timestamps.nowQuoted(Instant.parse("2024-04-17T10:00:00Z")));
    }
}
