package io.edgepublisher.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One message ready to send: its command, payload and header fields, independent of the destination.
 *
 * <p>The source address written into the frames depends on the destination (PROTOCOL.md §9.3), so frames are made
 * per destination by {@link #frames(SourceAddress, String)}; {@link PeerClient} does that. Build instances with
 * {@link CommandRequest}, {@link PrintReply}, {@link EchoReply} or {@link FileWriteMessage}.
 */
public final class OutboundMessage {

    /** What kind of message this is; it decides the retry rule of §9.2. */
    public enum Kind {
        /** A command request; large ones travel as a flag-3 file write. Up to 3 connection attempts 6 s apart. */
        COMMAND,
        /** A {@code print} or {@code echo} reply. Up to 3 attempts 1 s apart. */
        REPLY,
        /** A {@code file write} from memory. One attempt; success needs the peer's orderly close. */
        FILE
    }

    private final Kind kind;
    private final FrameHeader template;
    private final String command;
    private final byte[] commandUtf8;
    private final byte[] payload;
    private final Chunking chunking;
    private final boolean large;

    OutboundMessage(Kind kind, FrameHeader template, String command, byte[] commandUtf8, byte[] payload,
                    Chunking chunking, boolean large) {
        this.kind = kind;
        this.template = template;
        this.command = command;
        this.commandUtf8 = commandUtf8;
        this.payload = payload;
        this.chunking = chunking;
        this.large = large;
        if (!large) {
            Chunking.capacity(commandUtf8);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The command text as given; for a large message, the command it carries (not the {@code file write}). */
    public String command() {
        return command;
    }

    /** True for a command of 1841 bytes or more, which is sent as a flag-3 file write (PROTOCOL.md §7.6). */
    public boolean isLargeMessage() {
        return large;
    }

    /** Payload bytes (for a large message, the command's bytes). */
    public int payloadLength() {
        return payload.length;
    }

    /**
     * The frames for a message from a node with addresses {@code ours} to a peer at {@code destIp}: the source is
     * chosen by §9.3, and a large message gets the next {@code cmd.<ip>.<k>.lmsg} name.
     */
    public List<Frame> frames(SourceAddress ours, String destIp) {
        return frames(ours.choose(destIp), ours.nameIp());
    }

    /**
     * The frames with {@code source} in the header; a large message is named after {@code source}'s IP. Prefer
     * {@link #frames(SourceAddress, String)}, which applies the address rules.
     */
    public List<Frame> frames(PeerAddress source) {
        return frames(source, source.ip());
    }

    private List<Frame> frames(PeerAddress source, String nameIp) {
        FrameHeader header = template.withSource(source);
        if (!large) {
            return chunking.split(header, command, commandUtf8, ByteBuffer.wrap(payload));
        }
        String fileCommand = FileWriteCommand.forName(LargeMessageNames.next(nameIp));
        return Chunking.FILE.split(header, fileCommand, fileCommand.getBytes(StandardCharsets.UTF_8),
                ByteBuffer.wrap(payload));
    }

    @Override
    public String toString() {
        return kind + (large ? " (large)" : "") + " '" + Frame.abbreviate(command) + "', payload "
                + payload.length + " bytes";
    }
}
