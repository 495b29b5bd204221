package io.edgepublisher.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
