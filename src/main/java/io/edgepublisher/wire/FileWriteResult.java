package io.edgepublisher.wire;

/**
 * How an incoming {@code file write} ended. The message is only produced once all frames arrived, so a transfer
 * that broke off (protocol error, timeout, disconnect) produces no result at all: its sink was aborted.
 *
 * @param name        the name from the command, TAB turned back into space
 * @param genericFlag the first frame's generic flag
 * @param status      written, rejected by the sink factory, or failed while writing
 * @param bytes       payload bytes received (all of them, also when rejected or failed)
 * @param errorCode   0 when written; else the code for the echo (the factory's, or 48 "File write failed")
 * @param detail      null when written; else what went wrong
 * @param sink        the sink that received the bytes (null unless written), for callers that need its output
 */
public record FileWriteResult(String name, int genericFlag, Status status, long bytes, int errorCode, String detail,
                              FileWriteSink sink) {

    /** The outcome of the transfer. */
    public enum Status {
        /** Every frame was appended and {@link FileWriteSink#complete()} succeeded. */
        WRITTEN,
        /** The sink factory refused the file; nothing was written. */
        REJECTED,
        /** Opening, appending or completing failed; the sink was aborted. */
        FAILED
    }

    public boolean written() {
        return status == Status.WRITTEN;
    }
}
