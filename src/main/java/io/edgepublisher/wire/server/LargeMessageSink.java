package io.edgepublisher.wire.server;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.TransferFileSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives a large message (a command sent as a flag-3 file, PROTOCOL.md §7.6) into {@code !tmp_dir} through a
 * {@link TransferFileSink}. A command may hold at most 1 MiB, and all large messages together at most the
 * {@link LargeMessageBudget}: past either, the partial file is deleted and the rest of the transfer refused with 230.
 * The bytes stay counted against the budget until {@link #release()} (the command ran and its file is gone).
 */
final class LargeMessageSink implements FileWriteSink {
    private static final int LARGE_COMMAND = ErrorCode.LARGE_COMMAND.code();

    private final TransferFileSink file;
    private final String name;
    private final long maxBytes;
    private final LargeMessageBudget budget;
    private final AtomicBoolean released = new AtomicBoolean();
    private long bytes;
    private long reserved;

    LargeMessageSink(Path target, String name, long maxBytes, LargeMessageBudget budget) throws IOException {
        this.file = new TransferFileSink(target, true);
        this.name = name;
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /** Where the command lies once the transfer completed. */
    Path target() {
        return file.target();
    }

    @Override
    public void append(ByteBuffer payload) throws IOException, FileWriteRejectedException {
        int n = payload.remaining();
        bytes += n;
        if (bytes > maxBytes) {
            throw new FileWriteRejectedException(LARGE_COMMAND, name + ": a large message may hold at most " + maxBytes
                + " bytes; the rest of the transfer was discarded");
        }
        if (!budget.reserve(n)) {
            throw new FileWriteRejectedException(LARGE_COMMAND, name + ": " + budget.limit() + " bytes of large"
                + " messages are already waiting on this node; send it again later");
        }
        reserved += n;
        file.append(payload);
    }

    @Override
    public void complete() throws IOException {
        file.complete();
    }

    @Override
    public void abort() {
        file.abort();
        release();
    }

    /** The file is gone (ran, dropped or aborted): its bytes no longer count against the budget. Idempotent. */
    void release() {
        if (released.compareAndSet(false, true)) {
            budget.release(reserved);
        }
    }
}
