package io.edgepublisher.publisher.naming;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.disposal.ErrorDir;
import io.edgepublisher.publisher.disposal.FileMoves;
import io.edgepublisher.streamer.DataFileName;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and normalises a watch-dir file name (PUBLISHER.md §3.2), computes the hash when the name has none and the
 * row count, renames the file to its canonical name, and moves permanent rejects (§3.3) to the error dir. Runs on the
 * watcher thread, before the queue sees the file, so the queue's thread never reads file contents.
 */
public final class FileIntake {
    private static final Logger LOG = LoggerFactory.getLogger(FileIntake.class);
    /** One read buffer per watcher thread: files are read once each, at thousands per second. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

    private final int dbmsIndex;
    private final int tableIndex;
    private final ErrorDir errorDir;

    public FileIntake(int dbmsIndex, int tableIndex, ErrorDir errorDir) {
        this.dbmsIndex = dbmsIndex;
        this.tableIndex = tableIndex;
        this.errorDir = errorDir;
    }

    /**
     * @param rowsHint the row count when the writer told us (streamer flush), else -1
     */
    public IntakeResult prepare(Path file, boolean nodeCreated, int rowsHint) {
        String original = file.getFileName().toString();
        DataFileName parsed;
        DataFileName.Canonical canonical;
        try {
            parsed = DataFileName.parse(original);
            canonical = parsed.canonical(dbmsIndex, tableIndex);
        } catch (CommandException e) {
            return reject(file, original, original, e.code(), e.detail(), null);
        }
        String type = parsed.type();
        boolean gz = parsed.compressed();
        boolean json = type.equals("json");
        String hash = canonical.hashKnown() ? canonical.hash() : null;
        int rows = json ? rowsHint : 0;
        long size;
        try {
            size = Files.size(file);
            if (hash == null || rows < 0) {
                Scan s = scan(file, canonical.dbms(), canonical.table(), gz, hash == null, json && rows < 0);
                if (hash == null) {
                    hash = s.hash;
                }
                if (rows < 0) {
                    rows = s.rows;
                }
            }
        } catch (NoSuchFileException e) {
            return new IntakeResult.Dropped(original, "vanished");
        } catch (ZipException | EOFException e) {
            // §3.3: a .gz whose content is needed and does not decompress.
            String known = canonical.hashKnown() ? canonical.name() : original;
            return reject(file, original, known, ErrorCode.DECOMPRESSION.code(),
                "File '" + original + "' does not decompress: " + e.getMessage(),
                canonical.hashKnown() ? file(file, canonical, canonical.name(), type, gz, 0, 0, nodeCreated) : null);
        } catch (IOException e) {
            return new IntakeResult.Retry(original, e.toString());
        }
        DataFileName.Canonical full = canonical.withHash(hash);
        String name = full.name();
        PreparedFile prepared = file(file.resolveSibling(name), full, name, type, gz, rows, size, nodeCreated);
        if (name.equals(original)) {
            return new IntakeResult.Accepted(prepared);
        }
        return rename(file, original, prepared);
    }

    /** §3.2 step 6: rename into the canonical name; a collision is a duplicate (same bytes) or 86. */
    private IntakeResult rename(Path file, String original, PreparedFile prepared) {
        Path target = prepared.path();
        try {
            if (Files.exists(target)) {
                if (Files.mismatch(file, target) == -1) {
                    Files.delete(file);
                    LOG.info("File {} is a copy of {} already in the watch dir; deleted", original, prepared.name());
                    return new IntakeResult.Dropped(original, "duplicate of " + prepared.name());
                }
                return reject(file, original, prepared.name(), ErrorCode.DUPLICATE_JSON_FILE.code(),
                    "File '" + original + "' and '" + prepared.name() + "' claim hash " + prepared.hash()
                        + " with different content", null);
            }
            FileMoves.moveDurably(file, target);
            LOG.debug("Renamed {} to {}", original, prepared.name());
            return new IntakeResult.Accepted(prepared);
        } catch (NoSuchFileException e) {
            return new IntakeResult.Dropped(original, "vanished");
        } catch (IOException e) {
            return new IntakeResult.Retry(original, "rename to " + prepared.name() + " failed: " + e);
        }
    }

    private IntakeResult reject(Path file, String original, String current, int code, String text,
                                PreparedFile known) {
        Path moved = null;
        try {
            moved = errorDir.move(file, current, code);
        } catch (NoSuchFileException e) {
            return new IntakeResult.Dropped(original, "vanished");
        } catch (IOException e) {
            LOG.error("File {} could not be moved to the error dir ({}): {}", original, code, e.toString());
        }
        return new IntakeResult.Rejected(original, current, code, text, moved, known);
    }

    private static PreparedFile file(Path path, DataFileName.Canonical c, String name, String type, boolean gz,
                                     int rows, long size, boolean nodeCreated) {
        return new PreparedFile(path, name, c.dbms(), c.table(), c.source(), c.hash(), c.instructions(), type, gz,
            rows, size, nodeCreated);
    }

    private record Scan(String hash, int rows) {
    }

    /** One pass over the (decompressed) content: md5 of {@code dbms.table} + bytes, and non-empty lines. */
    private static Scan scan(Path file, String dbms, String table, boolean gz, boolean hash, boolean rows)
        throws IOException {
        MessageDigest md = hash ? md5(dbms, table) : null;
        int lines = 0;
        boolean nonEmpty = false;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gz ? new GZIPInputStream(raw, 16384) : raw) {
            byte[] buf = BUFFER.get();
            int n;
            while ((n = in.read(buf)) > 0) {
                if (md != null) {
                    md.update(buf, 0, n);
                }
                if (rows) {
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n') {
                            if (nonEmpty) {
                                lines++;
                            }
                            nonEmpty = false;
                        } else if (b != '\r' && b != ' ' && b != '\t') {
                            nonEmpty = true;
                        }
                    }
                }
            }
        }
        if (nonEmpty) {
            lines++;
        }
        return new Scan(md == null ? null : hex(md.digest()), lines);
    }

    private static MessageDigest md5(String dbms, String table) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update((dbms + "." + table).getBytes(StandardCharsets.US_ASCII));
            return md;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] d) {
        StringBuilder sb = new StringBuilder(32);
        for (byte b : d) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
