package io.edgepublisher.wire;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One complete message received on one connection (PROTOCOL.md §2), classified by its command (§8.1).
 *
 * <p>Header fields come from the first frame; {@link #errorCode()} is the first non-zero error code of any frame.
 * For {@code print}/{@code echo} replies {@link #text()} is what §6.4 defines as the message: the text after the
 * first word, followed by the joined payloads. A {@code file write}'s bytes went to a {@link FileWriteSink}; see
 * {@link #fileWrite()}.
 */
public final class InboundMessage {

    /** How the node must handle the message (§8.1). */
    public enum Kind {
        /** {@code print …}: a reply with output (§6.4). */
        PRINT,
        /** {@code echo …}: an error reply or notice (§6.4). */
        ECHO,
        /** {@code file write <name>} (§7, §8.3). */
        FILE_WRITE,
        /** {@code job reply …}: query results, which Edge Publisher never requests; discard. */
        JOB_REPLY,
        /** Anything else: a peer command (§8.2). */
        COMMAND;

        /** The kind of a message whose first frame carries {@code command}. */
        public static Kind of(String command) {
            String first = firstWord(command);
            switch (first) {
                case "print":
                    return PRINT;
                case "echo":
                    return ECHO;
                case "file":
                    return FileWriteCommand.isFileWrite(command) ? FILE_WRITE : COMMAND;
                case "job":
                    return firstWord(afterFirstWord(command)).equals("reply") ? JOB_REPLY : COMMAND;
                default:
                    return COMMAND;
            }
        }
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final Kind kind;
    private final String command;
    private final FrameHeader header;
    private final int errorCode;
    private final long frameCount;
    private final byte[] payload;
    private final InetSocketAddress socketPeer;
    private final FileWriteResult fileWrite;

    InboundMessage(Kind kind, String command, FrameHeader header, int errorCode, long frameCount, byte[] payload,
                   InetSocketAddress socketPeer, FileWriteResult fileWrite) {
        this.kind = kind;
        this.command = command;
        this.header = header;
        this.errorCode = errorCode;
        this.frameCount = frameCount;
        this.payload = payload == null ? NO_BYTES : payload;
        this.socketPeer = socketPeer;
        this.fileWrite = fileWrite;
    }

    public Kind kind() {
        return kind;
    }

    /** True for {@code print} and {@code echo}. */
    public boolean isReply() {
        return kind == Kind.PRINT || kind == Kind.ECHO;
    }

    /** The first frame's command text, exactly as received (TABs included). */
    public String command() {
        return command;
    }

    /** The command's first word ({@code print}, {@code echo}, {@code get} …). */
    public String firstWord() {
        return firstWord(command);
    }

    /**
     * For replies, the message of §6.4: the text after the command's first word followed by the payload. For other
     * kinds, the command followed by the payload.
     */
    public String text() {
        String head = isReply() ? afterFirstWord(command) : command;
        return payload.length == 0 ? head : head + payloadText();
    }

    /** The joined payloads of all frames (empty for file writes and job replies), read-only. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** The joined payloads as UTF-8 text; invalid sequences become U+FFFD. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The first frame's header, with every field. */
    public FrameHeader header() {
        return header;
    }

    public String sourceIp() {
        return header.sourceIp();
    }

    public long sourcePort() {
        return header.sourcePort();
    }

    public int jobLocation() {
        return header.jobLocation();
    }

    public long jobId() {
        return header.jobId();
    }

    public int receivers() {
        return header.receivers();
    }

    public int receiverId() {
        return header.receiverId();
    }

    public int partitionsUsed() {
        return header.partitionsUsed();
    }

    public int partitionId() {
        return header.partitionId();
    }

    public int genericFlag() {
        return header.genericFlag();
    }

    public int infoType() {
        return header.infoType();
    }

    /** The first non-zero error code of any frame, else 0. */
    public int errorCode() {
        return errorCode;
    }

    public long frameCount() {
        return frameCount;
    }

    /** The connection's remote address (an ephemeral client port), or null when unknown. */
    public InetSocketAddress socketPeer() {
        return socketPeer;
    }

    /**
     * Where replies go: the header's source IP and port, with the socket's peer IP when the header says
     * {@code 0.0.0.0} or is empty (§3). Null when no usable address can be formed.
     */
    public PeerAddress replyAddress() {
        String ip = header.sourceIp();
        if ((ip.isEmpty() || ip.equals("0.0.0.0")) && socketPeer != null && socketPeer.getAddress() != null) {
            ip = socketPeer.getAddress().getHostAddress();
        }
        if (ip.isEmpty() || header.sourcePort() > 0xFFFF) {
            return null;
        }
        try {
            return new PeerAddress(ip, (int) header.sourcePort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The fields a reply to this message copies. */
    public RequestRef requestRef() {
        return RequestRef.of(header);
    }

    /** How the file write ended; null unless {@link #kind()} is {@link Kind#FILE_WRITE}. */
    public FileWriteResult fileWrite() {
        return fileWrite;
    }

    @Override
    public String toString() {
        return "InboundMessage[" + kind + " '" + Frame.abbreviate(command) + "' from " + header.sourceIp() + ":"
                + header.sourcePort() + ", " + frameCount + " frame(s), payload " + payload.length + " bytes"
                + (errorCode != 0 ? ", error " + errorCode : "") + "]";
    }

    static String firstWord(String text) {
        int end = separator(text);
        return end < 0 ? text : text.substring(0, end);
    }

    static String afterFirstWord(String text) {
        int end = separator(text);
        return end < 0 ? "" : text.substring(end + 1);
    }

    private static int separator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                return i;
            }
        }
        return -1;
    }
}
