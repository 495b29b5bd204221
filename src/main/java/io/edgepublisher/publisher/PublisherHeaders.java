package io.edgepublisher.publisher;

/**
 * The headers of the publisher's exchanges (one exchange per file; the body is the file's {@link java.nio.file.Path}
 * in the watch dir). Stable names: user routes (the destination hook) and tracing read them.
 */
public final class PublisherHeaders {
    /** The file's dbms (from its name, lower case). */
    public static final String DBMS = "dbms";
    public static final String TABLE = "table";
    /** The md5 hash that identifies the file (§3.2). */
    public static final String HASH = "hash";
    /** Size on disk, bytes. */
    public static final String SIZE = "size";
    /** Non-empty lines of a JSON file, 0 for SQL. */
    public static final String ROWS = "rows";
    public static final String SOURCE = "source";
    public static final String INSTRUCTIONS = "instructions";
    /** The canonical name; the name sent to the operator (with {@code .gz} appended when gzip'd for transit). */
    public static final String FILE_NAME = "fileName";
    /** {@code json} or {@code sql}. */
    public static final String TYPE = "type";
    /** The file is gzip'd on disk ({@code .gz}). */
    public static final String COMPRESSED = "compressed";
    /** Where the file goes, {@code ip:port}: set by the routing decision (or by the user's destination route). */
    public static final String DESTINATION = "destination";
    /**
     * The cluster chosen by {@code new_table_cluster = auto} for a table no cluster lists (issue 16), when the
     * attempt goes there; absent otherwise.
     */
    public static final String AUTO_CLUSTER = "autoCluster";
    /** The destination a file is pinned to (§5.3), when it is. */
    public static final String PINNED = "pinned";
    /** What the intake made of a discovered file: {@code accepted}, {@code rejected}, {@code dropped}, {@code retry}. */
    public static final String INTAKE = "intake";
    /** {@code tsd_info} row values of a status change ({@code tsdinfo:status}); status1 absent keeps the stored one. */
    public static final String STATUS1 = "tsdStatus1";
    public static final String STATUS2 = "tsdStatus2";
    /** {@code file_time} of the row, {@code YYYY-MM-DD HH:MM:SS.ffffff} UTC. */
    public static final String FILE_TIME = "fileTime";
    /** After {@code tsdinfo:register}: the stored row's status1/status2 when the hash already had a row. */
    public static final String STORED_STATUS1 = "tsdStoredStatus1";
    public static final String STORED_STATUS2 = "tsdStoredStatus2";
    public static final String STORED_FILE_TIME = "tsdStoredFileTime";
    /** What happens next to a file, set by the queue's decisions (see {@link Next}). */
    public static final String NEXT = "next";
    /** Disposal of an accepted file: {@code delete}, {@code move} or {@code gzip}, and the kept copy's path. */
    public static final String DISPOSAL = "disposal";
    public static final String KEPT = "kept";
    /** Error-dir move: the code and text (§8). */
    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_TEXT = "errorText";

    /** Values of {@link #NEXT}. */
    public static final class Next {
        public static final String DISPOSE = "dispose";
        public static final String ERROR_DIR = "error-dir";
        public static final String QUEUE = "queue";
        public static final String NONE = "none";

        private Next() {
        }
    }

    private PublisherHeaders() {
    }
}
