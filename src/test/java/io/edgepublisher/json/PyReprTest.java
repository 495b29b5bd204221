package io.edgepublisher.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PyReprTest {
    @Test
    void overflowingFloatsPrintAsPythonInf() throws Exception {
        Object v = JsonParser.parse("[1e400, -1e400]");
        assertEquals("[inf, -inf]", PyRepr.repr(v));
        assertEquals("[Infinity, -Infinity]", PyJson.dumps(v), "json.dumps keeps its own spelling");
        assertEquals("nan", PyRepr.repr(Double.NaN));
    }

    @Test
    void strOfScalars() {
        assertEquals("abc", PyRepr.str("abc"));
        assertEquals("None", PyRepr.str(null));
        assertEquals("True", PyRepr.str(Boolean.TRUE));
        assertEquals("1e-07", PyRepr.str(1e-7));
        assertEquals("[{'a': 1}]", PyRepr.str(java.util.List.of(java.util.Map.of("a", 1L))));
    }
}
