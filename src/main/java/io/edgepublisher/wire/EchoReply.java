package io.edgepublisher.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds an {@code echo} error reply (PROTOCOL.md §6.1): the command field holds {@code echo <text>}, further detail
 * is the payload, the error code is the result code, info type 4, and the request's job, receiver, partition fields
 * and generic flag are copied.
 *
 * <p>Receivers read "the text after the first word followed by the payload" (§6.4), so a text too long for the
 * command field is continued in the payload without changing what the receiver sees. Receivers also end a message
 * at the first frame with a non-zero error code (§2), so an echo that spans several frames carries its code on the
 * last frame only.
 */
public final class EchoReply {
    /** Longest {@code echo …} command written; the rest of the text moves to the payload. */
    static final int MAX_COMMAND_BYTES = 1024;

    private EchoReply() {
    }

    /** {@code echo <text>} with no payload. */
    public static OutboundMessage of(RequestRef request, int errorCode, String text) {
        return of(request, errorCode, text, "");
    }

    /** {@code echo <text>} with {@code detail} as payload (may be empty). */
    public static OutboundMessage of(RequestRef request, int errorCode, String text, String detail) {
        byte[] command = ("echo " + text).getBytes(StandardCharsets.UTF_8);
        byte[] detailUtf8 = detail == null ? new byte[0] : detail.getBytes(StandardCharsets.UTF_8);
        int cut = command.length <= MAX_COMMAND_BYTES ? command.length : charBoundary(command, MAX_COMMAND_BYTES);
        byte[] head = Arrays.copyOf(command, cut);
        byte[] payload = new byte[command.length - cut + detailUtf8.length];
        System.arraycopy(command, cut, payload, 0, command.length - cut);
        System.arraycopy(detailUtf8, 0, payload, command.length - cut, detailUtf8.length);

        FrameHeader template = request.applyTo(FrameHeader.builder())
                .infoType(InfoType.REPLY)
                .errorCode(errorCode)
                .genericFlag(request.genericFlag())
                .build();
        return new OutboundMessage(OutboundMessage.Kind.REPLY, template,
                new String(head, StandardCharsets.UTF_8), head, payload, Chunking.ECHO, false);
    }

    /**
     * EdgeLake's reply to a peer command that failed: the command field is only {@code echo} and the status text is
     * the payload (what EdgeLake's {@code post_process_command} sends). Receivers read the same text as from
     * {@link #of(RequestRef, int, String)}; this form reproduces EdgeLake's bytes.
     */
    public static OutboundMessage status(RequestRef request, int errorCode, String text) {
        byte[] command = "echo".getBytes(StandardCharsets.US_ASCII);
        FrameHeader template = request.applyTo(FrameHeader.builder())
                .infoType(InfoType.REPLY)
                .errorCode(errorCode)
                .genericFlag(request.genericFlag())
                .build();
        return new OutboundMessage(OutboundMessage.Kind.REPLY, template, "echo", command,
                text.getBytes(StandardCharsets.UTF_8), Chunking.ECHO, false);
    }

    /**
     * EdgeLake's reply to a failed {@code file write}: {@code echo 'File write' operation failed: <details>}, where
     * details name the file so the sender can match the echo to its delivery.
     */
    public static OutboundMessage fileWriteFailed(RequestRef request, int errorCode, String details) {
        return of(request, errorCode, "'File write' operation failed: <" + details + ">");
    }

    /** The largest cut ≤ limit that does not split a UTF-8 sequence. */
    private static int charBoundary(byte[] utf8, int limit) {
        int cut = limit;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return cut;
    }
}
