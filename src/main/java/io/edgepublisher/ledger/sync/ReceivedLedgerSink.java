package io.edgepublisher.ledger.sync;

import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.TransferFileSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;

/**
 * Receives one ledger file from the master: the bytes go to {@code <path>.transfer} with fsync and are renamed to the
 * path the master named ({@link TransferFileSink}, PROTOCOL.md §7.3); then the content is handed to the
 * {@link LedgerMerger} and the file is deleted (§4.5 step 5). Taking the content at once means a newer transfer to
 * the same path can never overwrite a file that is still being merged.
 */
final class ReceivedLedgerSink implements FileWriteSink {
    private final TransferFileSink file;
    private final LedgerMerger merger;

    ReceivedLedgerSink(TransferFileSink file, LedgerMerger merger) {
        this.file = file;
        this.merger = merger;
    }

    @Override
    public void append(ByteBuffer payload) throws IOException {
        file.append(payload);
    }

    @Override
    public void complete() throws IOException {
        file.complete();
        byte[] content;
        try {
            content = Files.readAllBytes(file.target());
        } finally {
            Files.deleteIfExists(file.target());
        }
        merger.submit(content);
    }

    @Override
    public void abort() {
        file.abort();
    }
}
