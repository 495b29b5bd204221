package io.edgepublisher.ledger;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and writing {@code blockchain.json} (LEDGER.md §4.1): one policy per line, {@code \n} terminated, empty
 * lines skipped, CRLF tolerated; replacements are atomic (temporary file in the same directory, fsync, rename, fsync
 * of the directory) and appends are fsync'd.
 */
public final class LedgerFile {
    private LedgerFile() {
    }

    /**
     * Parses ledger file bytes.
     *
     * @param emptyIs59 true for a file received from a master (empty → 59); false for the local file, where an
     *                  empty file is an empty ledger
     * @throws CommandException 69 when a line is not a policy (the whole file is invalid), 59 when empty and
     *                          {@code emptyIs59}
     */
    public static LedgerSnapshot parse(byte[] bytes, boolean emptyIs59) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CommandException(ErrorCode.BLOCKCHAIN_STRUCTURE, "ledger file is not UTF-8 text");
        }
        List<Policy> policies = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            lineNo++;
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, stop);
            start = end + 1;
            if (line.isBlank()) {
                continue;
            }
            policies.add(parseLine(line, lineNo));
        }
        if (policies.isEmpty() && emptyIs59) {
            throw new CommandException(ErrorCode.EMPTY_BLOCKCHAIN, "the ledger file holds no policy");
        }
        return new LedgerSnapshot(policies, Md5.hex(bytes));
    }

    private static Policy parseLine(String line, int lineNo) {
        try {
            return Policy.ofParsedLine(JsonParser.parse(line), line);
        } catch (JsonException | CommandException e) {
            throw new CommandException(ErrorCode.BLOCKCHAIN_STRUCTURE,
                "line " + lineNo + " is not a policy: " + e.getMessage());
        }
    }

    /**
     * Reads and parses a ledger file.
     *
     * @throws CommandException 58 when the file does not exist, 4 when it cannot be read, else as {@link #parse}
     */
    public static LedgerSnapshot read(Path file, boolean emptyIs59) {
        return parse(readBytes(file), emptyIs59);
    }

    static byte[] readBytes(Path file) {
        if (!Files.exists(file)) {
            throw new CommandException(ErrorCode.NO_LOCAL_BLOCKCHAIN, file.toString());
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** md5 (32 hex) of a file's bytes, or null when it does not exist. */
    public static String md5(Path file) {
        return Files.exists(file) ? Md5.hex(readBytes(file)) : null;
    }

    /**
     * Replaces {@code target} atomically with {@code content}, first keeping the current version as {@code backup}
     * (itself replaced atomically) when {@code backup} is not null. The target exists at every moment once it
     * existed.
     */
    public static void replace(Path target, byte[] content, Path backup) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (backup != null && Files.exists(target)) {
            Path backupTmp = backup.resolveSibling(backup.getFileName() + ".tmp");
            Files.copy(target, backupTmp, StandardCopyOption.REPLACE_EXISTING);
            Fsync.file(backupTmp);
            Files.move(backupTmp, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(content));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Fsync.directoryIfSupported(dir);
    }

    /**
     * Appends one line (a {@code \n} is added) and fsyncs. A file whose last byte is not {@code \n} first gets one,
     * so a damaged tail cannot swallow the new policy.
     */
    public static void appendLine(Path file, String line) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ)) {
            long size = ch.size();
            StringBuilder sb = new StringBuilder(line.length() + 2);
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) != '\n') {
                    sb.append('\n');
                }
            }
            sb.append(line).append('\n');
            ch.position(size);
            writeFully(ch, StandardCharsets.UTF_8.encode(CharBuffer.wrap(sb)));
            ch.force(true);
        }
        if (created) {
            Fsync.directoryIfSupported(file.toAbsolutePath().getParent());
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

}
