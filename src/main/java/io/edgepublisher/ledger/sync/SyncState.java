package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.ledger.LedgerFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the synchroniser remembers (LEDGER.md §4.4 step 5), kept in {@code !state_dir/sync.json}: the master, the md5
 * of the last ledger received from it (exactly as received), the md5 of the {@code blockchain.json} that merge
 * wrote, the times of the last request, file and connection failure, and the requests sent since the last file.
 * Immutable; each event returns a new state.
 *
 * @param master              the master's {@code ip:port}
 * @param receivedMd5         md5 of the last received file, null before the first
 * @param mergedMd5           md5 of the merged {@code blockchain.json}, null before the first merge
 * @param lastRequest         when the last request was sent
 * @param lastFile            when the last ledger file was merged
 * @param lastFailure         when the last connection to the master failed
 * @param requestsWithoutFile requests sent since the last file arrived
 */
public record SyncState(String master, String receivedMd5, String mergedMd5, Instant lastRequest, Instant lastFile,
                        Instant lastFailure, int requestsWithoutFile) {

    /** After this many requests without a file, the next request sends {@code 0} (§4.6). */
    public static final int MAX_REQUESTS_WITHOUT_FILE = 10;

    /** A state with nothing received from {@code master} yet. */
    public static SyncState initial(String master) {
        return new SyncState(master, null, null, null, null, null, 0);
    }

    /** This state if it is for {@code newMaster}, else a fresh one: another master's hash means nothing. */
    public SyncState forMaster(String newMaster) {
        return newMaster.equals(master) ? this : initial(newMaster);
    }

    /**
     * The hash for the next request (§4.4 step 2, §4.6): the md5 of the last received file, but {@code 0} when
     * {@code forceZero} (first request after the synchroniser starts, bare {@code run blockchain sync}), when nothing
     * was received, when {@code blockchain.json} is no longer what the last merge wrote, or after
     * {@value #MAX_REQUESTS_WITHOUT_FILE} requests without a file.
     *
     * @param currentFileMd5 md5 of the current {@code blockchain.json} (null when it does not exist)
     */
    public String hashToSend(String currentFileMd5, boolean forceZero) {
        if (forceZero || receivedMd5 == null || mergedMd5 == null || !mergedMd5.equals(currentFileMd5)
            || requestsWithoutFile >= MAX_REQUESTS_WITHOUT_FILE) {
            return "0";
        }
        return receivedMd5;
    }

    /** A request was sent. */
    public SyncState requested(Instant now) {
        return new SyncState(master, receivedMd5, mergedMd5, now, lastFile, lastFailure, requestsWithoutFile + 1);
    }

    /** The connection to the master failed (the request was not sent). */
    public SyncState failed(Instant now) {
        return new SyncState(master, receivedMd5, mergedMd5, lastRequest, lastFile, now, requestsWithoutFile);
    }

    /** A received file was merged. */
    public SyncState merged(Instant now, String newReceivedMd5, String newMergedMd5) {
        return new SyncState(master, newReceivedMd5, newMergedMd5, lastRequest, now, lastFailure, 0);
    }

    /** True when the last attempt to reach the master failed (no request sent since). */
    public boolean lastAttemptFailed() {
        return lastFailure != null && (lastRequest == null || lastFailure.isAfter(lastRequest));
    }

    /** The details of the {@code Blockchain Sync} row of {@code get processes} (§4.4 step 6). */
    public String statusText(long intervalSeconds) {
        return lastAttemptFailed() ? "Failed to connect to master using: " + master
            : "Sync every " + intervalSeconds + " seconds with master using: " + master;
    }

    /** The JSON text of {@code sync.json}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("master", master);
        m.put("received_md5", receivedMd5);
        m.put("merged_md5", mergedMd5);
        m.put("last_request", text(lastRequest));
        m.put("last_file", text(lastFile));
        m.put("last_failure", text(lastFailure));
        m.put("requests_without_file", (long) requestsWithoutFile);
        return PyJson.dumps(m);
    }

    /**
     * Reads {@link #toJson()} text.
     *
     * @throws CommandException 6 when it is not a valid state
     */
    public static SyncState fromJson(String json) {
        try {
            Map<String, Object> m = JsonParser.parseObject(json);
            Object n = m.get("requests_without_file");
            return new SyncState((String) m.get("master"), (String) m.get("received_md5"),
                (String) m.get("merged_md5"), time(m.get("last_request")), time(m.get("last_file")),
                time(m.get("last_failure")), n instanceof Long ? (int) Math.min((Long) n, Integer.MAX_VALUE) : 0);
        } catch (JsonException | ClassCastException | DateTimeParseException e) {
            throw new CommandException(ErrorCode.JSON_STRUCTURE, "sync state: " + e.getMessage());
        }
    }

    /** Writes the state atomically. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        LedgerFile.replace(file, toJson().getBytes(StandardCharsets.UTF_8), null);
    }

    /** The saved state, or empty when there is none. */
    public static Optional<SyncState> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(fromJson(Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Instant time(Object v) {
        return v == null ? null : Instant.parse((String) v);
    }
}
