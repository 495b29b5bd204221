package io.edgepublisher.wire;

/** The protocol rules a peer can break; each names the rule so logs say exactly what was wrong. */
public enum ProtocolViolation {
    // Frame rules, PROTOCOL.md §2 and §3.
    TRUNCATED_FRAME("frame shorter than 2048 bytes"),
    COMMAND_TOO_LONG("command length > 1841"),
    DATA_SHORTER_THAN_COMMAND("data length < command length + auth length"),
    DATA_TOO_LONG("207 + data length > 2048"),
    SOURCE_IP_TOO_LONG("source IP length > 128"),
    COMMAND_NOT_UTF8("command bytes are not valid UTF-8"),

    // Message rules, PROTOCOL.md §2 and §7.3.
    BLOCK_NUMBER_MISMATCH("block number differs from the frame count"),
    FRAME_AFTER_LAST("frame after the end of the message"),
    MESSAGE_TOO_LARGE("message larger than the configured maximum"),
    ENDED_BEFORE_LAST_BLOCK("connection ended before the last block"),
    IDLE_TIMEOUT("no frame within the idle timeout");

    private final String rule;

    ProtocolViolation(String rule) {
        this.rule = rule;
    }

    /** The rule in a few words, e.g. {@code command length > 1841}. */
    public String rule() {
        return rule;
    }
}
