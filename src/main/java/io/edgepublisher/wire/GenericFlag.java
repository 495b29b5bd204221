package io.edgepublisher.wire;

/** Values of the header's generic flag (PROTOCOL.md §4.2); the meaning depends on the command. */
public final class GenericFlag {
    /** {@code file write}: the name is a literal path on the receiver. */
    public static final int FILE_LITERAL_PATH = 0;
    /** {@code file write}: the name is a bare file name for the receiver's watch dir. */
    public static final int FILE_WATCH_DIR = 1;
    /** {@code file write}: a ledger file, adopted by the receiver after writing. */
    public static final int FILE_LEDGER = 2;
    /** {@code file write}: a command too large for one frame. */
    public static final int FILE_LARGE_MESSAGE = 3;
    /** {@code print}: the payload is text. */
    public static final int PRINT_TEXT = 1;
    /** {@code print}: the payload is JSON. */
    public static final int PRINT_JSON = 2;

    private GenericFlag() {
    }
}
