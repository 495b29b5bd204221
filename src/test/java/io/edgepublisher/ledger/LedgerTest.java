package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    static final byte[] EXAMPLE = Vectors.bytes("ledger/blockchain.json");
    static final byte[] SIX = Vectors.bytes("ledger/blockchain-6-policies.json");
    static final String LOCAL_LINE = Vectors.text("frames/push/data/local-ledger-line.json").trim();
    static final PolicyPreparer PREPARER =
        new PolicyPreparer(Clock.fixed(Instant.parse("2026-11-28T11:07:16.424329Z"), ZoneOffset.UTC));

    @TempDir
    Path dir;
    Path file;
    Ledger ledger;

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("blockchain.json");
        Files.write(file, EXAMPLE);
        ledger = new Ledger(file);
        ledger.reload();
    }

    private static Policy prepared(String json) {
        return PREPARER.prepare(PolicyText.parse(json, ErrorCode.JSON_STRUCTURE)).policy();
    }

    private Policy publisher() {
        return prepared(Vectors.text("frames/push/data/policy-as-set.json").trim());
    }

    @Test
    void reloadFailuresKeepTheSnapshot() throws IOException {
        assertEquals(5, ledger.snapshot().size());
        Files.writeString(file, "garbage\n");
        assertEquals(69, assertThrows(CommandException.class, ledger::reload).code());
        assertEquals(5, ledger.snapshot().size());
        Files.writeString(file, "\n");
        assertEquals(59, assertThrows(CommandException.class, ledger::reload).code());
        assertEquals(5, ledger.snapshot().size());
        Files.delete(file);
        assertEquals(58, assertThrows(CommandException.class, ledger::reload).code());
        assertEquals(5, ledger.snapshot().size());
    }

    @Test
    void insertLocalAppendsTheLocalLineAsEdgeLakeDoes() throws IOException {
        Policy stored = ledger.insertLocal(publisher());
        assertTrue(stored.isLocal());
        String expected = new String(EXAMPLE, StandardCharsets.UTF_8) + LOCAL_LINE + "\n";
        assertEquals(expected, Files.readString(file));
        assertEquals(6, ledger.snapshot().size());
        assertEquals(Md5.hex(expected.getBytes(StandardCharsets.UTF_8)), ledger.snapshot().md5());
        CommandException dup = assertThrows(CommandException.class, () -> ledger.insertLocal(publisher()));
        assertEquals(70, dup.code());
        assertEquals("3be009e28d02aaafe5b5a6c8a1a26d07", dup.detail());
        assertEquals(expected, Files.readString(file), "nothing written on failure");
    }

    @Test
    void insertIntoAMissingFileCreatesIt() throws IOException {
        Ledger fresh = new Ledger(dir.resolve("sub").resolve("blockchain.json"));
        fresh.insertLocal(publisher());
        assertEquals(LOCAL_LINE + "\n", Files.readString(fresh.file()));
    }

    @Test
    void operatorsMustBeUniqueByAddressAndNameTablesByDbmsAndName() {
        CommandException sameAddress = assertThrows(CommandException.class, () -> ledger.insertLocal(prepared(
            "{\"operator\": {\"name\": \"operator2\", \"ip\": \"127.0.0.1\", \"port\": 32148}}")));
        assertEquals(180, sameAddress.code());
        assertTrue(sameAddress.detail().contains("a72bbf020bce3cf8bba9dbc19d259a32"), sameAddress.detail());
        assertEquals(180, assertThrows(CommandException.class, () -> ledger.insertLocal(prepared(
            "{\"operator\": {\"name\": \"operator1\", \"ip\": \"10.0.0.9\", \"port\": 32148}}"))).code());
        assertEquals(180, assertThrows(CommandException.class, () -> ledger.insertLocal(prepared(
            "{\"table\": {\"name\": \"conformance\", \"dbms\": \"test\", \"company\": \"Other\"}}"))).code());
        // the same declaration again is a duplicate id, not a uniqueness conflict with itself
        assertEquals(70, assertThrows(CommandException.class, () -> ledger.insertLocal(prepared(
            "{\"operator\": {\"name\": \"operator1\", \"company\": \"BarsTest\", \"ip\": \"127.0.0.1\", \"port\": "
                + "32148, \"rest_port\": 32149, \"cluster\": \"a348b78d517d27861715310c7d57a7ef\"}}"))).code());
        // other ports, names and tables are fine
        ledger.insertLocal(prepared("{\"operator\": {\"name\": \"operator2\", \"ip\": \"127.0.0.1\", \"port\": 32158}}"));
        ledger.insertLocal(prepared("{\"table\": {\"name\": \"other\", \"dbms\": \"test\"}}"));
        assertEquals(7, ledger.snapshot().size());
    }

    @Test
    void mergeKeepsMissingLocalPoliciesAndListsTheirRepush() throws IOException {
        byte[] before = Files.readAllBytes(file);
        Policy local = ledger.insertLocal(publisher());
        byte[] withLocal = Files.readAllBytes(file);

        LedgerMerge.Result r = ledger.merge(EXAMPLE);
        String expected = new String(EXAMPLE, StandardCharsets.UTF_8) + LOCAL_LINE + "\n";
        assertEquals(expected, Files.readString(file));
        assertArrayEquals(withLocal, Files.readAllBytes(dir.resolve("blockchain.old")));
        assertEquals(List.of(local), r.missingLocal());
        assertEquals(List.of("blockchain push\tignore " + local.withLedger("global").toJson()), r.repushCommands());
        assertEquals(Md5.hex(EXAMPLE), r.receivedMd5());
        assertEquals(Md5.hex(expected.getBytes(StandardCharsets.UTF_8)), r.mergedMd5());
        assertEquals(r.mergedMd5(), ledger.snapshot().md5());
        assertTrue(ledger.snapshot().byId(local.id()).isLocal());
        assertFalse(before.length == withLocal.length);

        // the master now has it: its (global) copy replaces ours, nothing to re-push
        LedgerMerge.Result r2 = ledger.merge(SIX);
        assertArrayEquals(SIX, Files.readAllBytes(file));
        assertEquals(List.of(), r2.missingLocal());
        assertEquals(List.of(), r2.repushCommands());
        assertEquals(r2.receivedMd5(), r2.mergedMd5());
        assertFalse(ledger.snapshot().byId(local.id()).isLocal());
        assertEquals("2026-11-28T11:08:06.870018Z", ledger.snapshot().byId(local.id()).date());
    }

    @Test
    void badReceivedFilesLeaveTheLedgerAndAreDeleted() throws IOException {
        byte[] before = Files.readAllBytes(file);
        Path received = dir.resolve("blockchain.master_id_3.new");
        Files.writeString(received, "");
        assertEquals(59, assertThrows(CommandException.class, () -> ledger.mergeReceivedFile(received)).code());
        assertFalse(Files.exists(received));
        Files.writeString(received, "{\"a\": 1}\n");
        assertEquals(69, assertThrows(CommandException.class, () -> ledger.mergeReceivedFile(received)).code());
        assertFalse(Files.exists(received));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(5, ledger.snapshot().size());

        Files.write(received, SIX);
        ledger.mergeReceivedFile(received);
        assertFalse(Files.exists(received));
        assertEquals(6, ledger.snapshot().size());
    }

    @Test
    void concurrentInsertsAndMergesLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    ledger.insertLocal(prepared("{\"publisher\": {\"name\": \"p" + thread + "-" + i + "\"}}"));
                    assertTrue(ledger.snapshot().size() >= 5);
                }
            }));
        }
        futures.add(pool.submit(() -> {
            for (int i = 0; i < 20; i++) {
                ledger.merge(EXAMPLE);
            }
        }));
        for (java.util.concurrent.Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(5 + threads * perThread, ledger.snapshot().size());
        LedgerSnapshot onDisk = LedgerFile.read(file, true);
        assertEquals(ledger.snapshot().size(), onDisk.size());
        assertEquals(ledger.snapshot().md5(), onDisk.md5());
    }
}
