package io.edgepublisher.intake;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.FileNameLimit;
import java.util.Locale;

/**
 * The validated headers of a REST PUT data request (REST.md §6.1).
 *
 * @param dbms lower-cased
 * @param table lower-cased
 * @param source third file-name section, {@code 0} by default
 * @param instructions fifth file-name section, {@code 0} by default
 * @param streaming true for {@code mode: streaming}, false for {@code mode: file}
 */
public record PutRequest(String dbms, String table, String source, String instructions, boolean streaming) {

    /**
     * Validates the header values; {@code null} means the header is absent.
     *
     * @throws CommandException 83/28 missing dbms/table, 5/28/2 a value that cannot be a file-name section (detail
     *     names the header), 115 a type other than json, 2 a mode other than file/streaming, 28 when the data file
     *     name would be too long for the file system ({@link FileNameLimit})
     */
    public static PutRequest of(String dbms, String table, String source, String instructions, String type,
            String mode) {
        if (dbms == null || dbms.isBlank()) {
            throw new CommandException(ErrorCode.MISSING_DBMS_NAME, "Missing 'dbms' name in REST PUT command");
        }
        if (table == null || table.isBlank()) {
            throw new CommandException(ErrorCode.WRONG_TABLE_NAME, "Missing 'table' name in REST PUT command");
        }
        String d = section("dbms", dbms.strip().toLowerCase(Locale.ROOT), ErrorCode.DBMS_NOT_CONNECTED);
        String t = section("table", table.strip().toLowerCase(Locale.ROOT), ErrorCode.WRONG_TABLE_NAME);
        String s = source == null ? "0" : section("source", source.strip(), ErrorCode.COMMAND_STRUCTURE);
        String i = instructions == null ? "0"
                : section("instructions", instructions.strip(), ErrorCode.COMMAND_STRUCTURE);
        if (type != null && !type.strip().equalsIgnoreCase("json")) {
            throw new CommandException(ErrorCode.WRONG_FILE_TYPE);
        }
        boolean streaming;
        if (mode == null || mode.strip().equalsIgnoreCase("file")) {
            streaming = false;
        } else if (mode.strip().equalsIgnoreCase("streaming")) {
            streaming = true;
        } else {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE);
        }
        PutRequest p = new PutRequest(d, t, s, i, streaming);
        FileNameLimit.check(p.bufferKey());
        return p;
    }

    /** The streaming buffer {@code <dbms>.<table>.<source>.<instructions>.json}. */
    public BufferKey bufferKey() {
        return BufferKey.of(dbms, table, source, instructions);
    }

    /** A value that becomes a file-name section: non-empty, no {@code . / \}, white space or control characters. */
    private static String section(String header, String v, ErrorCode code) {
        boolean ok = !v.isEmpty();
        for (int k = 0; ok && k < v.length(); k++) {
            char c = v.charAt(k);
            ok = c != '.' && c != '/' && c != '\\' && !Character.isWhitespace(c) && !Character.isISOControl(c)
                    && !Character.isSpaceChar(c);
        }
        if (!ok) {
            throw new CommandException(code, "Wrong '" + header + "' value in REST PUT command: '" + v + "'");
        }
        return v;
    }
}
