package io.edgepublisher.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Produces the frames of a {@code file write} one at a time in a single reused 2048-byte buffer, reading the payload
 * straight from a channel, so a file of any size is sent with constant memory.
 *
 * <p>The header and command are written once; each frame only rewrites block number, last flag and data length and
 * reads the next payload in place. The last-frame rule of §7.1 needs no look-ahead: a frame is last exactly when
 * the channel could not fill its payload.
 */
final class FileFrameStreamer implements FrameSource {
    private final byte[] buffer = new byte[FrameLayout.FRAME_SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private final int commandLength;
    private final int payloadAt;
    private final int capacity;
    private final ReadableByteChannel source;
    private long block;
    private boolean done;
    private long payloadBytes;
    private int payloadLength;

    /**
     * @param command     the full {@code file write <name>} command
     * @param genericFlag the flag of every frame
     * @param from        the address written into every frame
     * @param source      the file's content, read from its current position (a blocking channel)
     */
    FileFrameStreamer(String command, int genericFlag, PeerAddress from, ReadableByteChannel source) {
        this.source = source;
        byte[] cmd = command.getBytes(StandardCharsets.UTF_8);
        this.commandLength = cmd.length;
        this.capacity = Chunking.capacity(cmd);
        this.payloadAt = FrameLayout.HEADER_SIZE + commandLength;
        FrameHeader template = FrameHeader.builder()
                .infoType(InfoType.FILE)
                .genericFlag(genericFlag)
                .source(from)
                .build();
        FrameEncoder.writeHeader(template, commandLength, 0, commandLength, buffer, 0);
        System.arraycopy(cmd, 0, buffer, FrameLayout.HEADER_SIZE, commandLength);
    }

    /**
     * Fills the buffer with the next frame.
     *
     * @return false when the previous frame was the last one (nothing was read)
     */
    @Override
    public boolean next() throws IOException {
        if (done) {
            return false;
        }
        view.limit(payloadAt + capacity).position(payloadAt);
        while (view.hasRemaining() && source.read(view) >= 0) {
            // FileChannel reads may return short counts; keep reading until full or end of file
        }
        int n = view.position() - payloadAt;
        boolean last = n < capacity;
        if (last) {
            Arrays.fill(buffer, payloadAt + n, FrameLayout.FRAME_SIZE, (byte) 0);
            done = true;
        }
        FrameEncoder.patchBlock(buffer, ++block, last, commandLength + n);
        payloadBytes += n;
        payloadLength = n;
        return true;
    }

    /** The current frame, 2048 bytes. */
    @Override
    public byte[] frame() {
        return buffer;
    }

    /** Payload bytes of the current frame. */
    @Override
    public int payloadLength() {
        return payloadLength;
    }

    /** Payload bytes read so far. */
    long payloadBytes() {
        return payloadBytes;
    }
}
