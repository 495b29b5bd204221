package io.edgepublisher.wire;

/** A peer broke the peer protocol; the receiver drops the connection without a reply (PROTOCOL.md §3). */
public class WireProtocolException extends Exception {
    private final ProtocolViolation violation;

    public WireProtocolException(ProtocolViolation violation, String detail) {
        super(violation.rule() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.violation = violation;
    }

    /** The rule that was broken. */
    public ProtocolViolation violation() {
        return violation;
    }
}
