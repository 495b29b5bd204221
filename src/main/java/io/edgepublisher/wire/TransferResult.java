package io.edgepublisher.wire;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;

/**
 * The outcome of one {@link PeerClient} send.
 *
 * @param success          all frames were written, the output was shut down, and for file writes the peer closed in
 *                         an orderly way within the close wait
 * @param target           the destination as given
 * @param attempts         connection attempts made
 * @param framesSent       frames written completely
 * @param payloadBytes     payload bytes in those frames
 * @param writeAttempted   a frame write was started: the peer may hold some of the data, so a file delivery must be
 *                         pinned to this destination (PUBLISHER.md §5.3)
 * @param closedOrderly    the peer closed with end-of-stream after our last frame
 * @param failure          why it failed, null on success
 * @param errorCode        the EdgeLake code for the failure, 0 on success
 * @param detail           the exception text or reason, null on success
 */
public record TransferResult(boolean success, PeerAddress target, int attempts, long framesSent, long payloadBytes,
                             boolean writeAttempted, boolean closedOrderly, TransferFailure failure, int errorCode,
                             String detail) {

    /** Same as {@link #writeAttempted()}: the destination must be pinned for a retry. */
    public boolean pinned() {
        return writeAttempted;
    }

    /**
     * Throws the failure as a {@link CommandException} with its code, for callers that report errors that way.
     *
     * @return this result when it succeeded
     */
    public TransferResult orThrow() {
        if (!success) {
            throw new CommandException(errorCode, "sending to " + target + " failed: " + detail);
        }
        return this;
    }

    @Override
    public String toString() {
        if (success) {
            return "TransferResult[ok to " + target + ", " + framesSent + " frame(s), " + payloadBytes + " bytes]";
        }
        return "TransferResult[" + failure + " " + errorCode + " (" + ErrorCode.textOf(errorCode) + ") to " + target
                + " after " + attempts + " attempt(s), " + framesSent + " frame(s) written"
                + (writeAttempted ? ", pinned" : "") + ": " + detail + "]";
    }
}
