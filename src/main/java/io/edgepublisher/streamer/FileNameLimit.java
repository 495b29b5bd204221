package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * File names are at most 255 bytes on every common Linux file system. A row is acknowledged only if every file it
 * will live in can be named: its data file {@code <dbms>.<table>.<source>.<hash>.<instructions>.json}, its journal
 * segment, and the names derived from the data file later — the compressed archive copy written through a hidden
 * temporary file, the error-folder name, the compressed transit copy, and the 8-section name the operator gives it.
 * A name too long for any of them would be refused by the file system only after the 200 or the PUBACK, leaving rows
 * that can never be written. So the check is made before the rows are taken.
 */
public final class FileNameLimit {
    /** The file system's limit on one name, in bytes. */
    public static final int NAME_MAX = 255;
    /**
     * The most bytes a later name adds to the data file name, the longest being:
     * <ul>
     * <li>{@code .<name>.gz.tmp} (archive or backup copy being written): 8;</li>
     * <li>{@code .<base>.err_<code>.<epoch>.json.gz.tmp} (error folder, via a temporary file): 3 + 1 + 10 + 8 + 5 = 27;</li>
     * <li>{@code publisher-transit-<thread id>-<name>.gz} (compressed transit copy): 18 + 7 + 1 + 3 = 29;</li>
     * <li>{@code <name>.<member>.<row id>.<YYMMDDHHMMSS>} at the operator, in transit {@code .gz}: 1 + 5 + 1 + 10 + 1
     * + 12 + 3 = 33, plus its own temporary suffix {@code .transfer}: 42.</li>
     * </ul>
     */
    static final int DERIVED_SUFFIX = 42;
    /** The longest data file name the node accepts. */
    public static final int MAX_DATA_NAME = NAME_MAX - DERIVED_SUFFIX;
    /** {@code .<32 hex digits>}: what the data file name adds to the buffer key. */
    private static final int HASH_SECTION = 33;

    private FileNameLimit() {
    }

    /** Bytes of the data file name of {@code key}. */
    public static int dataNameBytes(BufferKey key) {
        return key.toString().getBytes(StandardCharsets.UTF_8).length + HASH_SECTION;
    }

    /** Null when every file name the rows of {@code key} need fits; otherwise what is wrong, for the sender. */
    public static String problem(BufferKey key) {
        int n = dataNameBytes(key);
        if (n <= MAX_DATA_NAME) {
            return null;
        }
        int dbmsTable = key.dbms().getBytes(StandardCharsets.UTF_8).length
                + key.table().getBytes(StandardCharsets.UTF_8).length;
        int allowed = dbmsTable - (n - MAX_DATA_NAME);
        return "The data file name for dbms '" + key.dbms() + "' and table '" + key.table() + "' would be " + n
                + " bytes; data file names are limited to " + MAX_DATA_NAME + " bytes (file systems allow "
                + NAME_MAX + ", the rest is kept for the names derived from it). Use a dbms and table name of at most "
                + Math.max(0, allowed) + " bytes together";
    }

    /**
     * Refuses a key whose files cannot be named.
     *
     * @throws CommandException 28 (wrong table name) with {@link #problem}
     */
    public static void check(BufferKey key) {
        String p = problem(key);
        if (p != null) {
            throw new CommandException(ErrorCode.WRONG_TABLE_NAME, p);
        }
    }
}
