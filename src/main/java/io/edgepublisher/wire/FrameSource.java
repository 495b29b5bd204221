package io.edgepublisher.wire;

import java.io.IOException;
import java.util.List;

/** The frames of one transfer, produced one at a time into a reused 2048-byte buffer. */
interface FrameSource {

    /** Prepares the next frame; false after the last one. */
    boolean next() throws IOException;

    /** The prepared frame, 2048 bytes; overwritten by the next call to {@link #next()}. */
    byte[] frame();

    /** Payload bytes in the prepared frame. */
    int payloadLength();

    /** Encodes already built frames one by one. */
    static FrameSource of(List<Frame> frames) {
        return new FrameSource() {
            private final byte[] buffer = new byte[FrameLayout.FRAME_SIZE];
            private int next;
            private int payloadLength;

            @Override
            public boolean next() {
                if (next >= frames.size()) {
                    return false;
                }
                Frame f = frames.get(next++);
                FrameEncoder.encode(f, buffer, 0);
                payloadLength = f.payloadLength();
                return true;
            }

            @Override
            public byte[] frame() {
                return buffer;
            }

            @Override
            public int payloadLength() {
                return payloadLength;
            }
        };
    }
}
