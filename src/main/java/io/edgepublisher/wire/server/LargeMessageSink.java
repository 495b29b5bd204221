package io.edgepublisher.wire.server;

import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.TransferFileSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Receives a large message (a command sent as a flag-3 file, PROTOCOL.md §7.6) into {@code !tmp_dir} through a
 * {@link TransferFileSink}, with a size limit so a peer cannot fill the disk.
 */
final class LargeMessageSink implements FileWriteSink {
    private final TransferFileSink file;
    private final long maxBytes;
    private long bytes;

    LargeMessageSink(Path target, long maxBytes) throws IOException {
        this.file = new TransferFileSink(target, true);
        this.maxBytes = maxBytes;
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
        file.complete();
    }

    @Override
    public void abort() {
        file.abort();
    }
}
