package io.edgepublisher.wire;

/** One frame violates the layout rules of PROTOCOL.md §3 (lengths, source IP length, UTF-8 command). */
public final class FrameFormatException extends WireProtocolException {
    public FrameFormatException(ProtocolViolation violation, String detail) {
        super(violation, detail);
    }
}
