package io.edgepublisher.publisher.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.disposal.ErrorDir;
import io.edgepublisher.streamer.DataHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PUBLISHER.md §3.2–3.3 and §8 naming: exact names after normalisation and in the error dir. */
class FileIntakeTest {
    static final String CONTENT = "{\"v\": 1}\n\n{\"v\": 2}\n";
    static final String H = DataHash.md5("mydb", "sensor", CONTENT.getBytes(StandardCharsets.UTF_8));
    static final long EPOCH = 1_764_327_062L;

    @TempDir
    Path tmp;
    Path watch;
    Path err;
    FileIntake intake;

    @BeforeEach
    void setUp() throws IOException {
        watch = Files.createDirectories(tmp.resolve("watch"));
        err = Files.createDirectories(tmp.resolve("err"));
        intake = new FileIntake(0, 1, new ErrorDir(err, Clock.fixed(Instant.ofEpochSecond(EPOCH), ZoneOffset.UTC)));
    }

    private IntakeResult take(FileIntake in, String name, String content) throws IOException {
        Path p = watch.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return in.prepare(p, false, -1);
    }

    private List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "mydb.sensor.json, mydb.sensor.0.HASH.0.json",
        "MyDb.Sensor.json, mydb.sensor.0.HASH.0.json",
        "mydb.sensor.dev7.json, mydb.sensor.dev7.HASH.0.json",
        "mydb.sensor.dev7.0.json, mydb.sensor.dev7.HASH.0.json",
        "mydb.sensor.dev7.0.12.json, mydb.sensor.dev7.HASH.12.json",
        "mydb.sensor.0.HASH.0.json, mydb.sensor.0.HASH.0.json",
        "mydb.sensor.0.HASH.0.3.12.240417100000.json, mydb.sensor.0.HASH.0.json",
        "mydb.sensor.0.0.0.3.12.240417100000.json, mydb.sensor.0.HASH.0.json"})
    void normalisesToTheCanonicalFiveSectionName(String name, String expected) throws IOException {
        IntakeResult r = take(intake, name.replace("HASH", H), CONTENT);
        PreparedFile f = assertInstanceOf(IntakeResult.Accepted.class, r).file();
        String want = expected.replace("HASH", H);
        assertEquals(want, f.name());
        assertEquals(List.of(want), names(watch));
        assertEquals(H, f.hash());
        assertEquals(2, f.rows(), "non-empty lines");
        assertEquals("json", f.type());
    }

    @Test
    void aGivenHashIsUsedAsIsAndTheFileIsNotRenamed() throws IOException {
        String name = "mydb.sensor.0.0123456789abcdef0123456789abcdef.0.json";
        PreparedFile f = assertInstanceOf(IntakeResult.Accepted.class, take(intake, name, CONTENT)).file();
        assertEquals("0123456789abcdef0123456789abcdef", f.hash());
        assertEquals(List.of(name), names(watch));
    }

    @Test
    void gzFilesAreHashedOverTheirDecompressedBytesAndKeepGz() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(CONTENT.getBytes(StandardCharsets.UTF_8));
        }
        Path p = watch.resolve("mydb.sensor.json.gz");
        Files.write(p, b.toByteArray());
        PreparedFile f = assertInstanceOf(IntakeResult.Accepted.class, intake.prepare(p, false, -1)).file();
        assertEquals("mydb.sensor.0." + H + ".0.json.gz", f.name());
        assertTrue(f.compressed());
        assertEquals(2, f.rows());
    }

    @Test
    void emptyFileGetsTheHashOfDbmsAndTableAndZeroRows() throws IOException {
        PreparedFile f = assertInstanceOf(IntakeResult.Accepted.class, take(intake, "mydb.sensor.json", "")).file();
        assertEquals(DataHash.md5("mydb", "sensor", new byte[0]), f.hash());
        assertEquals(0, f.rows());
        assertEquals(0, f.bytes());
    }

    @Test
    void otherIndexesTakeDbmsAndTableFromThoseSectionsAndZeroTheRest() throws IOException {
        FileIntake in = new FileIntake(-2, 1, new ErrorDir(err, Clock.systemUTC()));
        String h = DataHash.md5("mydb", "sensor", CONTENT.getBytes(StandardCharsets.UTF_8));
        PreparedFile f = assertInstanceOf(IntakeResult.Accepted.class,
            take(in, "x.sensor.dev9.MyDb.json", CONTENT)).file();
        assertEquals("mydb.sensor.0." + h + ".0.json", f.name());
    }

    @Test
    void sqlFilesKeepTheirNameAndGetAComputedHash() throws IOException {
        PreparedFile f = assertInstanceOf(IntakeResult.Accepted.class,
            take(intake, "mydb.sensor.par1.sql", "insert into t values (1);")).file();
        assertEquals("mydb.sensor.par1.sql", f.name());
        assertEquals(DataHash.md5("mydb", "sensor", "insert into t values (1);".getBytes()), f.hash());
        assertEquals(0, f.rows());
    }

    @ParameterizedTest
    @CsvSource({
        "mydb.sensor.0.h.0.3.json, 119, mydb.sensor.0.h.0.3.err_119.1764327062.json",
        "mydb.sensor.0.h.0.3.4.json, 119, mydb.sensor.0.h.0.3.4.err_119.1764327062.json",
        "a.b.c.d.e.f.g.h.i.json, 119, a.b.c.d.e.f.g.h.i.err_119.1764327062.json",
        "mydb.json, 119, mydb.err_119.1764327062.json",
        "mydb..json, 119, mydb..err_119.1764327062.json",
        "mydb.sensor.txt, 115, mydb.sensor.err_115.1764327062.txt",
        "mydb.sensor.0.h.0.txt.gz, 115, mydb.sensor.0.h.0.txt.err_115.1764327062.gz"})
    void permanentRejectsGoToTheErrorDirAtOnce(String name, int code, String errName) throws IOException {
        IntakeResult.Rejected r = assertInstanceOf(IntakeResult.Rejected.class, take(intake, name, CONTENT));
        assertEquals(code, r.code());
        assertEquals(List.of(errName), names(err));
        assertEquals(List.of(), names(watch));
    }

    @Test
    void anIndexOutOfRangeIs205() throws IOException {
        FileIntake in = new FileIntake(0, 5, new ErrorDir(err, Clock.fixed(Instant.ofEpochSecond(EPOCH),
            ZoneOffset.UTC)));
        IntakeResult.Rejected r = assertInstanceOf(IntakeResult.Rejected.class, take(in, "mydb.sensor.json", "x"));
        assertEquals(205, r.code());
        assertTrue(names(err).get(0).startsWith("mydb.sensor.err_205."));
    }

    @Test
    void aGzThatDoesNotDecompressIs100() throws IOException {
        IntakeResult.Rejected r = assertInstanceOf(IntakeResult.Rejected.class,
            take(intake, "mydb.sensor.json.gz", "not gzip"));
        assertEquals(100, r.code());
        assertEquals(List.of("mydb.sensor.json.err_100.1764327062.gz"), names(err));
        assertNull(r.file(), "no hash known");
    }

    @Test
    void aNameCollisionWithTheSameContentDeletesTheNewcomer() throws IOException {
        String canonical = "mydb.sensor.0." + H + ".0.json";
        Files.writeString(watch.resolve(canonical), CONTENT);
        IntakeResult r = take(intake, "mydb.sensor.json", CONTENT);
        assertInstanceOf(IntakeResult.Dropped.class, r);
        assertEquals(List.of(canonical), names(watch));
    }

    @Test
    void aNameCollisionWithOtherContentIs86() throws IOException {
        String canonical = "mydb.sensor.0." + H + ".0.json";
        Files.writeString(watch.resolve(canonical), "{\"other\": 1}");
        IntakeResult.Rejected r = assertInstanceOf(IntakeResult.Rejected.class,
            take(intake, "mydb.sensor.0.0.0.json", CONTENT));
        assertEquals(86, r.code());
        assertEquals(List.of(canonical), names(watch));
        assertEquals(List.of("mydb.sensor.0." + H + ".0.err_86.1764327062.json"), names(err));
    }

    @Test
    void errorEpochsAreUniqueWithinTheNode() {
        ErrorDir d = new ErrorDir(err, Clock.fixed(Instant.ofEpochSecond(EPOCH + 1000), ZoneOffset.UTC));
        long a = d.nextEpoch();
        long b = d.nextEpoch();
        assertTrue(b > a);
        ErrorDir.Marked m = ErrorDir.parse(ErrorDir.errorName("mydb.sensor.0.h.0.json.gz", 73, 1764413462));
        assertEquals("mydb.sensor.0.h.0.json.err_73.1764413462.gz", ErrorDir.errorName("mydb.sensor.0.h.0.json.gz",
            73, 1764413462));
        assertEquals("mydb.sensor.0.h.0.json.gz", m.original());
        assertEquals(73, m.code());
        assertFalse(ErrorDir.parse("mydb.sensor.json") != null);
    }
}
