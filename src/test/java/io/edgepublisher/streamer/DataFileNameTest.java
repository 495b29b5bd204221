package io.edgepublisher.streamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** INTAKE.md §7 and PUBLISHER.md §3.2; every example of INTAKE.md §7.5. */
class DataFileNameTest {
    private static final String H = "d9536253788691682ba42126b33686fe";

    @Test
    void twoSections() {
        DataFileName n = DataFileName.parse("mydb.sensor.json");
        assertEquals(2, n.nameSectionCount());
        assertEquals("mydb", n.dbms());
        assertEquals("sensor", n.table());
        assertEquals("0", n.source());
        assertEquals("0", n.hash());
        assertEquals("0", n.instructions());
        assertEquals("json", n.type());
        assertFalse(n.compressed());
        assertEquals("mydb.sensor.0.0.0.json", n.canonical().name());
        assertFalse(n.canonical().hashKnown());
    }

    @Test
    void threeSections() {
        DataFileName n = DataFileName.parse("mydb.sensor.dev7.json");
        assertEquals(3, n.nameSectionCount());
        assertEquals("dev7", n.source());
        assertEquals("0", n.hash());
        assertEquals("mydb.sensor.dev7.0.0.json", n.canonical().name());
    }

    @Test
    void fourSections() {
        DataFileName n = DataFileName.parse("mydb.sensor.dev7.eca9a1d2c3b4a5968778695a4b3c2d1e.json");
        assertEquals(4, n.nameSectionCount());
        assertEquals("eca9a1d2c3b4a5968778695a4b3c2d1e", n.hash());
        assertEquals("0", n.instructions());
        assertTrue(n.canonical().hashKnown());
        assertEquals("mydb.sensor.dev7.eca9a1d2c3b4a5968778695a4b3c2d1e.0.json", n.canonical().name());
    }

    @Test
    void canonicalFiveSectionsIsUnchanged() {
        String name = "mydb.sensor.0." + H + ".0.json";
        DataFileName n = DataFileName.parse(name);
        assertEquals(5, n.nameSectionCount());
        assertEquals(H, n.hash());
        assertEquals(name, n.canonical().name());
    }

    @Test
    void compressed() {
        String name = "mydb.sensor.0." + H + ".0.json.gz";
        DataFileName n = DataFileName.parse(name);
        assertTrue(n.compressed());
        assertEquals(5, n.nameSectionCount());
        assertEquals("json", n.type());
        assertEquals("json", n.section(-1));
        assertEquals(name, n.canonical().name());
    }

    @Test
    void operatorFormIsReducedToFiveSections() {
        DataFileName n = DataFileName.parse("mydb.sensor.0." + H + ".0.3.12.240417100000.json");
        assertTrue(n.isOperatorForm());
        assertEquals(8, n.nameSectionCount());
        assertEquals("mydb.sensor.0." + H + ".0.json", n.canonical().name());
        assertEquals("240417100000", n.section(-2));
    }

    @Test
    void operatorFormWithImmediateMember() {
        DataFileName n = DataFileName.parse("mydb.sensor.0." + H + ".0.@.12.240417100000.json.gz");
        assertEquals("mydb.sensor.0." + H + ".0.json.gz", n.canonical().name());
    }

    @ParameterizedTest
    @CsvSource({
        "mydb.sensor.0.d9536253788691682ba42126b33686fe.0.3.json, 119",
        "mydb.sensor.0.d9536253788691682ba42126b33686fe.0.3.12.json, 119",
        "a.b.c.d.e.f.g.h.i.json, 119",
        "mydb..json, 119",
        ".sensor.json, 119",
        "x.json, 119",
        "json, 119",
        "mydb.sensor.0.d9536253788691682ba42126b33686fe.0.txt, 115",
        "mydb.sensor.csv.gz, 115",
    })
    void invalidNames(String name, int code) {
        CommandException e = assertThrows(CommandException.class, () -> DataFileName.parse(name));
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void sectionsAreComparedLowerCased() {
        DataFileName n = DataFileName.parse("MyDB.Sensor.Dev7.JSON");
        assertEquals("json", n.type());
        assertEquals("mydb", n.dbms());
        assertEquals("sensor", n.table());
        assertEquals("mydb.sensor.Dev7.0.0.json", n.canonical().name());
    }

    @Test
    void fileNameIndexesIncludingNegative() {
        DataFileName n = DataFileName.parse("plant7.line2.Temp.json");
        assertEquals(List.of("plant7", "line2", "Temp", "json"), n.sections());
        assertEquals("Temp", n.section(2));
        assertEquals("Temp", n.section(-2));
        assertEquals("json", n.section(-1));
        DataFileName.Canonical c = n.canonical(1, -2);
        assertEquals("line2", c.dbms());
        assertEquals("temp", c.table());
        assertFalse(c.hashKnown(), "other indexes: hash must be computed");
        assertEquals("line2.temp.0.0.0.json", c.name());
        assertEquals("line2.temp.0.abc.0.json", c.withHash("abc").name());
        assertEquals(205, assertThrows(CommandException.class, () -> n.canonical(0, 4)).code());
        assertEquals(205, assertThrows(CommandException.class, () -> n.canonical(-5, 1)).code());
    }

    @Test
    void otherIndexesDropSourceHashAndInstructions() {
        DataFileName n = DataFileName.parse("mydb.sensor.dev7." + H + ".5.json");
        DataFileName.Canonical c = n.canonical(1, 0);
        assertEquals("sensor.mydb.0.0.0.json", c.name());
    }

    @Test
    void sqlFilesKeepTheirName() {
        DataFileName n = DataFileName.parse("mydb.sensor.par_2024.sql");
        assertEquals("sql", n.type());
        assertEquals("mydb", n.canonical().dbms());
        assertEquals("mydb.sensor.par_2024.sql", n.canonical().name());
    }

    @Test
    void buildAndStreamingName() {
        assertEquals("mydb.sensor.0." + H + ".0.json", DataFileName.build("mydb", "sensor", "0", H, "0", "json", false));
        assertEquals("mydb.t2.dev7.abc.0.json", DataFileName.of(BufferKey.of("mydb", "t2", "dev7", "0"), "abc"));
    }

    @Test
    void hashOfTheSpecExample() throws IOException {
        byte[] body = "{\"v\": 1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(H, DataHash.md5("mydb", "sensor", body));
    }

    @Test
    void hashStreamsOverPlainAndGzipFiles(@TempDir Path dir) throws IOException {
        byte[] body = "{\"v\": 1}".getBytes(StandardCharsets.UTF_8);
        Path plain = Files.write(dir.resolve("a.json"), body);
        assertEquals(H, DataHash.md5("mydb", "sensor", plain, false));
        Path gz = dir.resolve("a.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(body);
        }
        assertEquals(H, DataHash.md5("mydb", "sensor", gz, true));
        Path bad = Files.write(dir.resolve("b.json.gz"), body);
        assertEquals(100, assertThrows(CommandException.class, () -> DataHash.md5("mydb", "sensor", bad, true)).code());
    }
}
