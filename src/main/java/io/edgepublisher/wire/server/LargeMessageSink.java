package io.edgepublisher.wire.server;

import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.TransferFileSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Receives a large message (a command sent as a flag-3 file, PROTOCOL.md §7.6) into {@code !tmp_dir} through a
 * {@link TransferFileSink}, with a size limit so a peer cannot fill the disk. {@code onEnd} runs once when the
 * transfer completes or aborts (it frees the name for the next transfer).
 */
final class LargeMessageSink implements FileWriteSink {
    private final TransferFileSink file;
    private final long maxBytes;
    private final Runnable onEnd;
    private long bytes;
    private boolean ended;

    LargeMessageSink(Path target, long maxBytes, Runnable onEnd) throws IOException {
        this.file = new TransferFileSink(target, true);
        this.maxBytes = maxBytes;
        this.onEnd = onEnd;
    }

    /** Where the command lies once the transfer completed. */
    Path target() {
        return file.target();
    }

    @Override
    public void append(ByteBuffer payload) throws IOException {
        bytes += payload.remaining();
        if (bytes > maxBytes) {
            throw new IOException("large message exceeds the limit of " + maxBytes + " bytes (tcp_max_message)");
        }
        file.append(payload);
    }

    @Override
    public void complete() throws IOException {
        try {
            file.complete();
        } finally {
            end();
        }
    }

    @Override
    public void abort() {
        try {
            file.abort();
        } finally {
            end();
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}
