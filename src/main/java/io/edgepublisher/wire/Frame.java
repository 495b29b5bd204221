package io.edgepublisher.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One frame: its header, the command text and the bytes that follow the command (authentication, then payload).
 *
 * <p>The lengths of the header (command, auth, data) are not stored: they are derived from the content, so a frame
 * can never carry lengths that disagree with its bytes.
 *
 * <p>A decoded frame's buffers are views of the buffer it was decoded from, not copies; they are valid only until
 * that buffer is reused. The accessors return independent duplicates, so reading them never disturbs the frame.
 */
public final class Frame {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final FrameHeader header;
    private final String command;
    private final ByteBuffer commandBytes;
    private final ByteBuffer auth;
    private final ByteBuffer payload;

    Frame(FrameHeader header, String command, ByteBuffer commandBytes, ByteBuffer auth, ByteBuffer payload) {
        this.header = header;
        this.command = command;
        this.commandBytes = commandBytes;
        this.auth = auth;
        this.payload = payload;
    }

    /**
     * A frame to send: the command as UTF-8 and the payload's remaining bytes (the payload buffer is not copied and
     * its position is not changed).
     *
     * @throws IllegalArgumentException when command and payload exceed the 1841-byte body
     */
    public static Frame of(FrameHeader header, String command, ByteBuffer payload) {
        return of(header, command, command.getBytes(StandardCharsets.UTF_8), payload);
    }

    /** A frame without payload. */
    public static Frame of(FrameHeader header, String command) {
        return of(header, command, EMPTY);
    }

    static Frame of(FrameHeader header, String command, byte[] commandUtf8, ByteBuffer payload) {
        ByteBuffer p = payload == null ? EMPTY : payload.slice();
        if (commandUtf8.length + p.remaining() > FrameLayout.BODY_SIZE) {
            throw new IllegalArgumentException("command (" + commandUtf8.length + " bytes) and payload ("
                    + p.remaining() + " bytes) exceed the " + FrameLayout.BODY_SIZE + "-byte frame body");
        }
        return new Frame(header, command, ByteBuffer.wrap(commandUtf8), EMPTY, p);
    }

    public FrameHeader header() {
        return header;
    }

    /** The command text at offset 207. */
    public String command() {
        return command;
    }

    /** Byte length of the command (header offset 39). */
    public int commandLength() {
        return commandBytes.remaining();
    }

    /** Byte length of the authentication data (header offset 41); Edge Publisher never sends any. */
    public int authLength() {
        return auth.remaining();
    }

    /** Bytes of payload in this frame, authentication excluded. */
    public int payloadLength() {
        return payload.remaining();
    }

    /** Command + auth + payload bytes (header offset 43). */
    public int dataLength() {
        return commandLength() + authLength() + payloadLength();
    }

    /** Header size plus data length: the bytes of the frame that carry meaning. */
    public int usedLength() {
        return FrameLayout.HEADER_SIZE + dataLength();
    }

    /** The payload (authentication bytes skipped), as an independent view. */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** The authentication bytes, as an independent view; empty in every known EdgeLake frame. */
    public ByteBuffer auth() {
        return auth.duplicate();
    }

    /** The command's UTF-8 bytes, as an independent view. */
    public ByteBuffer commandBytes() {
        return commandBytes.duplicate();
    }

    @Override
    public String toString() {
        return "Frame[block " + header.blockNumber() + (header.isLast() ? " last" : "") + ", command '"
                + abbreviate(command) + "', payload " + payloadLength() + " bytes]";
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
