package io.edgepublisher.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the payload of one incoming {@code file write} as it arrives, so a file is never held in memory.
 *
 * <p>Calls arrive in order from one thread: {@link #append} per frame (also for empty payloads), then exactly one of
 * {@link #complete} (after the last block) or {@link #abort} (protocol error, idle timeout, early disconnect, or a
 * failed append).
 */
public interface FileWriteSink {

    /**
     * Appends the next frame's payload. The buffer is only valid during the call.
     *
     * @throws FileWriteRejectedException when the sink refuses the rest of the file (e.g. a size limit); the
     *                                    transfer is then aborted and answered with the exception's code
     */
    void append(ByteBuffer payload) throws IOException, FileWriteRejectedException;

    /** The last block arrived: make the file visible (e.g. rename {@code .transfer} into place). */
    void complete() throws IOException;

    /** The transfer will not complete: remove partial output. Must not throw. */
    void abort();
}
