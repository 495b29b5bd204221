package io.edgepublisher.ledger;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local ledger {@code blockchain.json} (LEDGER.md §4.1–4.5): one writer at a time (the mutating methods are
 * synchronized) and lock-free readers, which see the last complete version through {@link #snapshot()}.
 */
public final class Ledger {
    private final Path file;
    private final Path oldFile;
    private volatile LedgerSnapshot snapshot = LedgerSnapshot.EMPTY;

    /**
     * A ledger kept in {@code file} ({@code !blockchain_file}); the previous version goes to {@code blockchain.old}
     * next to it. Nothing is read until {@link #reload()}.
     */
    public Ledger(Path file) {
        this.file = file;
        this.oldFile = file.resolveSibling("blockchain.old");
    }

    public Path file() {
        return file;
    }

    /** The current version; never null (empty before the first load). */
    public LedgerSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Re-reads the file ({@code blockchain reload metadata}, boot). On failure the current snapshot stays; at boot,
     * 58 and 59 both just mean "no policies yet".
     *
     * @throws CommandException 58 when the file does not exist, 59 when it holds no policy, 69 when a line is not a
     *                          policy, 4 on read errors
     */
    public synchronized LedgerSnapshot reload() {
        LedgerSnapshot s = LedgerFile.read(file, true);
        snapshot = s;
        return s;
    }

    /**
     * {@code blockchain insert … local = true} steps 4–5: checks uniqueness (180) and the id (70), then appends the
     * prepared policy with {@code "ledger": "local"} and fsyncs.
     *
     * @return the policy as stored
     * @throws CommandException 180, 70, or 48 when the file cannot be written
     */
    public synchronized Policy insertLocal(Policy prepared) {
        LedgerSnapshot current = snapshot;
        InsertRules.checkUnique(current, prepared);
        InsertRules.checkNewId(current, prepared);
        Policy stored = prepared.withLedger(Policy.LOCAL);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            LedgerFile.appendLine(file, stored.line());
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FILE_WRITE, "cannot append to " + file + ": " + e.getMessage(), e);
        }
        snapshot = current.with(stored, LedgerFile.md5(file));
        return stored;
    }

    /**
     * Merges a ledger received from the master (§4.5 steps 1–5): computes the new content from the current version,
     * keeps the current file as {@code blockchain.old} and replaces {@code blockchain.json} atomically. On an error
     * the current ledger stays.
     *
     * @throws CommandException 59 empty, 69 invalid, 48 when the file cannot be written
     */
    public synchronized LedgerMerge.Result merge(byte[] received) {
        LedgerMerge.Result result = LedgerMerge.merge(snapshot, received);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            LedgerFile.replace(file, result.content(), oldFile);
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FILE_WRITE, "cannot replace " + file + ": " + e.getMessage(), e);
        }
        snapshot = result.merged();
        return result;
    }

    /**
     * Merges a received ledger file and deletes it afterwards, also when it was empty or invalid (§4.5 steps 1, 5).
     */
    public LedgerMerge.Result mergeReceivedFile(Path received) {
        try {
            return merge(LedgerFile.readBytes(received));
        } finally {
            try {
                Files.deleteIfExists(received);
            } catch (IOException ignored) {
                // a leftover file is overwritten by the next transfer
            }
        }
    }
}
