package io.edgepublisher.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyFloatTest {
    @ParameterizedTest
    @CsvSource({
        "1.0, 1.0", "1e-7, 1e-07", "0.1, 0.1", "-0.0, -0.0", "1E2, 100.0", "1e15, 1000000000000000.0",
        "1e16, 1e+16", "5e-324, 5e-324", "1.5, 1.5", "1e-05, 1e-05", "0.0001, 0.0001", "1.5e20, 1.5e+20",
        "210.5, 210.5", "123456789.123, 123456789.123", "2e23, 2e+23", "1.7976931348623157e308, 1.7976931348623157e+308",
        "0.30000000000000004, 0.30000000000000004", "9007199254740993, 9007199254740992.0", "12345.678e-10, 1.2345678e-06",
        "37.3394, 37.3394", "-121.8950, -121.895", "100, 100.0", "1234567890123456.0, 1234567890123456.0"
    })
    void reprMatchesPython(String json, String python) {
        assertEquals(python, PyFloat.repr(Double.parseDouble(json)));
    }

    /** The fast path must agree with the exact path wherever it answers. */
    @Test
    void fastPathAgreesWithExactPath() {
        SplittableRandom rnd = new SplittableRandom(42);
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            double d;
            switch (i % 4) {
                case 0: d = Double.longBitsToDouble(rnd.nextLong()); break;
                case 1: d = Math.round(rnd.nextDouble(-1e6, 1e6) * 1000) / 1000.0; break;
                case 2: d = rnd.nextDouble() * Math.pow(10, rnd.nextInt(-8, 22)); break;
                default: d = Double.parseDouble(rnd.nextInt(1, 99999) + "e" + rnd.nextInt(-12, 20)); break;
            }
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                continue;
            }
            String fast = PyFloat.fastRepr(d);
            if (fast != null) {
                answered++;
                assertEquals(PyFloat.exactRepr(d), fast, "for bits " + Double.doubleToRawLongBits(d));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(answered > 100_000, "fast path answered only " + answered);
    }
}
