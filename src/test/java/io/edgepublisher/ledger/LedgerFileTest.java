package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerFileTest {
    static final byte[] EXAMPLE = Vectors.bytes("ledger/blockchain.json");

    @TempDir
    Path dir;

    @Test
    void parsesTheExampleLedgerInOrderAndReserialisesItByteForByte() {
        LedgerSnapshot s = LedgerFile.parse(EXAMPLE, true);
        assertEquals(List.of("master", "cluster", "operator", "table", "cluster"),
            s.policies().stream().map(Policy::type).toList());
        assertEquals(Md5.hex(EXAMPLE), s.md5());
        assertArrayEquals(EXAMPLE, s.toBytes());
        assertEquals("724386fc1b1c04de656293c299455ae6", s.byId("724386fc1b1c04de656293c299455ae6").id());
        for (Policy p : s.policies()) {
            assertEquals(p.line(), p.toJson(), "the master writes json.dumps lines");
        }
    }

    @Test
    void toleratesCrlfAndEmptyLines() {
        String crlf = "\r\n" + new String(EXAMPLE, StandardCharsets.UTF_8).replace("\n", "\r\n\r\n") + "   \n";
        LedgerSnapshot s = LedgerFile.parse(crlf.getBytes(StandardCharsets.UTF_8), true);
        assertEquals(5, s.size());
        assertArrayEquals(EXAMPLE, s.toBytes());
        // a last line without \n is still a policy
        String noFinalNewline = new String(EXAMPLE, StandardCharsets.UTF_8).stripTrailing();
        assertEquals(5, LedgerFile.parse(noFinalNewline.getBytes(StandardCharsets.UTF_8), true).size());
    }

    @Test
    void anyBadLineMakesTheWholeFile69() {
        String good = new String(EXAMPLE, StandardCharsets.UTF_8);
        for (String bad : new String[] {"{\"a\": ", "{\"a\": 1}", "{\"a\": {}, \"b\": {}}", "[]", "x"}) {
            CommandException e = assertThrows(CommandException.class,
                () -> LedgerFile.parse((good + bad + "\n").getBytes(StandardCharsets.UTF_8), false), bad);
            assertEquals(69, e.code(), bad);
            assertTrue(e.detail().startsWith("line 6 is not a policy"), e.detail());
        }
        assertEquals(69, assertThrows(CommandException.class,
            () -> LedgerFile.parse(new byte[] {'{', (byte) 0xff, '}'}, false)).code());
    }

    @Test
    void emptyIs59OnlyForReceivedFiles() {
        for (String empty : new String[] {"", "\n", "\r\n  \n"}) {
            byte[] b = empty.getBytes(StandardCharsets.UTF_8);
            assertEquals(59, assertThrows(CommandException.class, () -> LedgerFile.parse(b, true)).code());
            assertEquals(0, LedgerFile.parse(b, false).size());
        }
    }

    @Test
    void missingFileIs58() {
        assertEquals(58, assertThrows(CommandException.class,
            () -> LedgerFile.read(dir.resolve("blockchain.json"), false)).code());
        assertEquals(null, LedgerFile.md5(dir.resolve("blockchain.json")));
    }

    @Test
    void replaceKeepsTheOldVersionAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("blockchain.json");
        Path old = dir.resolve("blockchain.old");
        LedgerFile.replace(file, "one\n".getBytes(StandardCharsets.UTF_8), old);
        assertEquals("one\n", Files.readString(file));
        assertTrue(Files.notExists(old), "nothing to keep the first time");
        LedgerFile.replace(file, "two\n".getBytes(StandardCharsets.UTF_8), old);
        assertEquals("two\n", Files.readString(file));
        assertEquals("one\n", Files.readString(old));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("blockchain.json", "blockchain.old"),
                files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void appendCreatesTheFileAndRepairsAMissingFinalNewline() throws IOException {
        Path file = dir.resolve("blockchain.json");
        LedgerFile.appendLine(file, "{\"a\": {}}");
        assertEquals("{\"a\": {}}\n", Files.readString(file));
        Files.writeString(file, "{\"a\": {}}");
        LedgerFile.appendLine(file, "{\"b\": {}}");
        assertEquals("{\"a\": {}}\n{\"b\": {}}\n", Files.readString(file));
    }

    @Test
    void snapshotsCannotBeModified() {
        LedgerSnapshot s = LedgerFile.parse(EXAMPLE, true);
        assertThrows(UnsupportedOperationException.class, () -> s.policies().clear());
        assertThrows(UnsupportedOperationException.class, () -> s.policies().get(0).attributes().put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> tables = (List<Object>) s.policies().get(4).get("table");
        assertThrows(UnsupportedOperationException.class, () -> tables.add("x"));
    }
}
