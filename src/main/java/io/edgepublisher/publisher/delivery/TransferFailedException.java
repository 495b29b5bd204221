package io.edgepublisher.publisher.delivery;

import io.edgepublisher.wire.TransferResult;

/** A {@code file write} to an operator failed (PUBLISHER.md §5.3–5.5); the result says how and whether to pin. */
public final class TransferFailedException extends RuntimeException {
    private final transient TransferResult result;

    public TransferFailedException(TransferResult result) {
        super(result.toString(), null, false, false);
        this.result = result;
    }

    public TransferResult result() {
        return result;
    }
}
