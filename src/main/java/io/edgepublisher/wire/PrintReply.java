package io.edgepublisher.wire;

import java.nio.charset.StandardCharsets;

/**
 * Builds a {@code print} reply (PROTOCOL.md §6.1, §6.2): info type 4, error 0, generic flag 1 for text or 2 for JSON,
 * the request's job, receiver and partition fields copied, and as many frames as the text needs.
 */
public final class PrintReply {
    static final String COMMAND = "print";
    private static final byte[] COMMAND_UTF8 = COMMAND.getBytes(StandardCharsets.US_ASCII);

    private PrintReply() {
    }

    /** A text reply (generic flag 1). */
    public static OutboundMessage text(RequestRef request, String text) {
        return of(request, text, GenericFlag.PRINT_TEXT);
    }

    /** A JSON reply (generic flag 2). */
    public static OutboundMessage json(RequestRef request, String json) {
        return of(request, json, GenericFlag.PRINT_JSON);
    }

    private static OutboundMessage of(RequestRef request, String text, int flag) {
        FrameHeader template = request.applyTo(FrameHeader.builder())
                .infoType(InfoType.REPLY)
                .genericFlag(flag)
                .build();
        return new OutboundMessage(OutboundMessage.Kind.REPLY, template, COMMAND, COMMAND_UTF8,
                text.getBytes(StandardCharsets.UTF_8), Chunking.REPLY, false);
    }
}
