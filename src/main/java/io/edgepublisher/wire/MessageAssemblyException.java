package io.edgepublisher.wire;

/** Frames are individually valid but do not form a valid message (block order, size, premature end). */
public final class MessageAssemblyException extends WireProtocolException {
    public MessageAssemblyException(ProtocolViolation violation, String detail) {
        super(violation, detail);
    }
}
