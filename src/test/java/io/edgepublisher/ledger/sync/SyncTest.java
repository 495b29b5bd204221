package io.edgepublisher.ledger.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.ledger.Ledger;
import io.edgepublisher.ledger.LedgerFile;
import io.edgepublisher.ledger.LedgerMerge;
import io.edgepublisher.ledger.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTest {
    static final Path NEW = Path.of("/var/lib/javapub/blockchain/blockchain.new");
    static final Instant T0 = Instant.parse("2026-11-28T11:07:00Z");

    @TempDir
    Path dir;

    private static String vectorCommand(String name) {
        return Vectors.json("frames/requests/" + name + ".request.json").get("frames").get(0).get("command").asText();
    }

    @Test
    void requestTextsMatchTheVectors() {
        assertEquals(vectorCommand("event_get_blockchain"), SyncRequest.command(NEW, "0"));
        assertEquals(Vectors.json("frames/sync/sync_request_no_local_ledger.json").get("frames").get(0)
                .get("command").asText(),
            SyncRequest.command(Path.of("/var/tmp/edgelake-peer/run-conf/probe/EdgeLake/blockchain/blockchain.new"), "0"));
        assertThrows(IllegalArgumentException.class, () -> SyncRequest.command(Path.of("rel/blockchain.new"), "0"));
        assertThrows(IllegalArgumentException.class, () -> SyncRequest.command(Path.of("/a b/blockchain.new"), "0"));
        assertThrows(IllegalArgumentException.class, () -> SyncRequest.command(NEW, "abc"));
    }

    @Test
    void afterAMergeTheRequestCarriesTheReceivedHash() throws Exception {
        Path file = dir.resolve("blockchain.json");
        Ledger ledger = new Ledger(file);
        LedgerMerge.Result r = ledger.merge(Vectors.bytes("ledger/blockchain.json"));
        SyncState s = SyncState.initial("127.0.0.1:32048").requested(T0).merged(T0.plusSeconds(1), r.receivedMd5(),
            r.mergedMd5());
        String hash = s.hashToSend(LedgerFile.md5(file), false);
        assertEquals("77009f932b5f00860b0a981f0928ae9a", hash);
        assertEquals(vectorCommand("event_get_blockchain_samehash"), SyncRequest.command(NEW, hash));

        assertEquals("0", s.hashToSend(LedgerFile.md5(file), true), "first request / bare run blockchain sync");
        Files.writeString(file, "{\"x\": {}}\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("0", s.hashToSend(LedgerFile.md5(file), false), "blockchain.json changed since the merge");
        assertEquals("0", s.hashToSend(null, false));
        assertEquals("0", SyncState.initial("127.0.0.1:32048").hashToSend(LedgerFile.md5(file), false));
    }

    @Test
    void tenRequestsWithoutAFileForceZero() {
        SyncState s = SyncState.initial("m:1").merged(T0, "r", "m");
        for (int i = 0; i < 9; i++) {
            s = s.requested(T0.plusSeconds(i));
        }
        assertEquals("r", s.hashToSend("m", false));
        s = s.requested(T0.plusSeconds(10));
        assertEquals(10, s.requestsWithoutFile());
        assertEquals("0", s.hashToSend("m", false));
        s = s.merged(T0.plusSeconds(11), "r2", "m2");
        assertEquals("r2", s.hashToSend("m2", false));
    }

    @Test
    void anotherMasterStartsAfresh() {
        SyncState s = SyncState.initial("m:1").merged(T0, "r", "m");
        assertEquals(s, s.forMaster("m:1"));
        assertEquals(SyncState.initial("other:2"), s.forMaster("other:2"));
    }

    @Test
    void statusTextFollowsTheLastAttempt() {
        SyncState s = SyncState.initial("10.0.0.1:32048");
        assertEquals("Sync every 30 seconds with master using: 10.0.0.1:32048", s.statusText(30));
        s = s.failed(T0);
        assertTrue(s.lastAttemptFailed());
        assertEquals("Failed to connect to master using: 10.0.0.1:32048", s.statusText(30));
        s = s.requested(T0.plusSeconds(30));
        assertFalse(s.lastAttemptFailed());
    }

    @Test
    void savedAndLoaded() throws Exception {
        Path file = dir.resolve("state").resolve("sync.json");
        assertEquals(Optional.empty(), SyncState.load(file));
        SyncState s = SyncState.initial("10.0.0.1:32048").requested(T0).merged(T0.plusMillis(1500), "a", "b")
            .failed(T0.plusSeconds(9)).requested(T0.plusSeconds(12));
        s.save(file);
        assertEquals("{\"master\": \"10.0.0.1:32048\", \"received_md5\": \"a\", \"merged_md5\": \"b\", "
            + "\"last_request\": \"2026-11-28T11:07:12Z\", \"last_file\": \"2026-11-28T11:07:01.500Z\", "
            + "\"last_failure\": \"2026-11-28T11:07:09Z\", \"requests_without_file\": 1}", Files.readString(file));
        assertEquals(Optional.of(s), SyncState.load(file));
        assertEquals(SyncState.initial("x"), SyncState.fromJson(SyncState.initial("x").toJson()));
        assertEquals(6, assertThrows(CommandException.class, () -> SyncState.fromJson("{\"master\": 5}")).code());
        assertEquals(6, assertThrows(CommandException.class, () -> SyncState.fromJson("nope")).code());
    }

    @Test
    void replyPathsOfTheMaster() {
        String requested = NEW.toString();
        assertEquals(Vectors.json("frames/ledger_transfer/ledger_transfer_5_policies_1_frame.json").get("frames")
            .get(0).get("command").asText(), "file write " + SyncRequest.replyPath(requested, 7));
        assertTrue(SyncRequest.isReplyPath(requested, "/var/lib/javapub/blockchain/blockchain.master_id_2.new"));
        assertFalse(SyncRequest.isReplyPath(requested, "/var/lib/javapub/blockchain/blockchain.master_id_0.new"));
        assertFalse(SyncRequest.isReplyPath(requested, "/var/lib/javapub/blockchain/blockchain.master_id_10.new"));
        assertFalse(SyncRequest.isReplyPath(requested, "/tmp/blockchain.master_id_2.new"));
        assertFalse(SyncRequest.isReplyPath(requested, "/var/lib/javapub/blockchain/blockchain.new"));
        assertEquals("/x/ledger.master_id_3", SyncRequest.replyPath("/x/ledger", 3));
        assertEquals("/x.d/ledger.master_id_3", SyncRequest.replyPath("/x.d/ledger", 3));
    }
}
