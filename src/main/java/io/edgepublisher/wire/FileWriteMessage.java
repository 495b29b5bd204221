package io.edgepublisher.wire;

import java.nio.charset.StandardCharsets;

/**
 * Builds a {@code file write} from bytes in memory (PROTOCOL.md §7.1): info type 0, job/receivers/partitions 0,
 * the generic flag, chunked by the last-frame rule. Files on disk are streamed by
 * {@link PeerClient#sendFile} instead, without loading them.
 */
public final class FileWriteMessage {

    private FileWriteMessage() {
    }

    /**
     * @param name        the name or path on the receiver; spaces are sent as TAB
     * @param genericFlag see {@link GenericFlag} (1 watch dir, 2 ledger file, 0 literal path)
     * @param content     the file's bytes; not copied, so do not change them while the message is in use
     */
    public static OutboundMessage of(String name, int genericFlag, byte[] content) {
        String command = FileWriteCommand.forName(name);
        FrameHeader template = FrameHeader.builder().infoType(InfoType.FILE).genericFlag(genericFlag).build();
        return new OutboundMessage(OutboundMessage.Kind.FILE, template, command,
                command.getBytes(StandardCharsets.UTF_8), content, Chunking.FILE, false);
    }
}
