package io.edgepublisher.wire;

/**
 * A {@link FileWriteSinkFactory} refuses an incoming file write, or a {@link FileWriteSink} refuses the rest of one
 * part-way (a size limit, after aborting what it wrote); the rest of the transfer is read and discarded, and
 * the resulting {@link InboundMessage} carries the code and detail so the node can answer with an {@code echo}.
 */
public final class FileWriteRejectedException extends Exception {
    private final int code;

    /**
     * @param code   the EdgeLake error code for the echo, e.g. 294 "File operation not authorized"
     * @param detail what was wrong, for the echo and the log
     */
    public FileWriteRejectedException(int code, String detail) {
        super(detail);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
