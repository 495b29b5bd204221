package io.edgepublisher.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgepublisher.command.CommandException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** INTAKE.md §5.2. */
class ThresholdTableTest {
    @Test
    void engineDefaults() {
        ThresholdTable t = new ThresholdTable();
        assertEquals(new Thresholds(60, 10_000), t.global());
        assertEquals(new Thresholds(60, 10_000), t.lookup("d", "t"));
    }

    @Test
    void globalPartialUpdatesAndReset() {
        ThresholdTable t = new ThresholdTable();
        t.set(null, null, null, 10_240L);
        assertEquals(new Thresholds(60, 10_240), t.global());
        t.set(null, null, 30L, null);
        assertEquals(new Thresholds(30, 10_240), t.global());
        t.set(null, null, 0L, null);
        assertEquals(new Thresholds(0, 10_240), t.global(), "time 0 alone is a value, not a reset");
        t.set(null, null, 0L, 0L);
        assertEquals(Thresholds.ENGINE_DEFAULTS, t.global());
    }

    @Test
    void scopesTableThenDbmsThenGlobal() {
        ThresholdTable t = new ThresholdTable();
        t.set(null, null, 30L, 5000L);
        t.set("MyDB", null, null, 1000L);
        assertEquals(new Thresholds(30, 1000), t.lookup("mydb", "x"), "new dbms entry starts from the global values");
        t.set("mydb", "Hot", 1L, null);
        assertEquals(new Thresholds(1, 5000), t.lookup("mydb", "hot"), "new table entry starts from the global values");
        assertEquals(new Thresholds(30, 1000), t.lookup("mydb", "cold"));
        assertEquals(new Thresholds(30, 5000), t.lookup("other", "hot"));
        assertEquals(Map.of("mydb", new Thresholds(30, 1000), "mydb.hot", new Thresholds(1, 5000)), t.scoped());
        t.set("mydb", "hot", null, 42L);
        assertEquals(new Thresholds(1, 42), t.lookup("mydb", "hot"), "partial update keeps the other value");
        t.set("mydb", "hot", 0L, 0L);
        assertEquals(new Thresholds(30, 1000), t.lookup("mydb", "hot"), "0/0 removes the table entry");
        t.set("mydb", null, 0L, 0L);
        assertEquals(new Thresholds(30, 5000), t.lookup("mydb", "hot"));
        assertEquals(Map.of(), t.scoped());
    }

    @Test
    void tableNeedsDbms() {
        assertEquals(2, assertThrows(CommandException.class, () -> new ThresholdTable().set(null, "t", 1L, null)).code());
    }
}
