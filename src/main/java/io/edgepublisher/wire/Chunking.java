package io.edgepublisher.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** How a message's payload is spread over frames; every frame repeats the command. */
enum Chunking {
    /**
     * Replies (§6.2): as few frames as the payload needs, at least one; the frame holding the final bytes is last.
     */
    REPLY {
        @Override
        List<Frame> split(FrameHeader template, String command, byte[] commandUtf8, ByteBuffer payload) {
            int cap = capacity(commandUtf8);
            int length = payload.remaining();
            int count = Math.max(1, (length + cap - 1) / cap);
            List<Frame> frames = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                int from = k * cap;
                int n = Math.min(cap, length - from);
                frames.add(Frame.of(template.withBlock(k + 1, k == count - 1), command, commandUtf8,
                        payload.slice(payload.position() + from, n)));
            }
            return frames;
        }
    },
    /**
     * Error replies: like {@link #REPLY}, but receivers end a message at the first frame with a non-zero error code
     * (§2 rule 1), so only the last frame of a multi-frame echo carries the code; otherwise the rest would be lost.
     */
    ECHO {
        @Override
        List<Frame> split(FrameHeader template, String command, byte[] commandUtf8, ByteBuffer payload) {
            List<Frame> frames = REPLY.split(template, command, commandUtf8, payload);
            if (frames.size() > 1) {
                for (int i = 0; i < frames.size() - 1; i++) {
                    Frame f = frames.get(i);
                    FrameHeader h = f.header().toBuilder().errorCode(0).build();
                    frames.set(i, new Frame(h, command, f.commandBytes(), f.auth(), f.payload()));
                }
            }
            return frames;
        }
    },
    /**
     * File writes (§7.1): a frame is last exactly when its payload is shorter than the capacity, so an empty file is
     * one empty frame and an exact multiple of the capacity ends with an extra empty frame.
     */
    FILE {
        @Override
        List<Frame> split(FrameHeader template, String command, byte[] commandUtf8, ByteBuffer payload) {
            int cap = capacity(commandUtf8);
            int length = payload.remaining();
            List<Frame> frames = new ArrayList<>(length / cap + 1);
            int from = 0;
            long block = 1;
            while (true) {
                int n = Math.min(cap, length - from);
                boolean last = n < cap;
                frames.add(Frame.of(template.withBlock(block++, last), command, commandUtf8,
                        payload.slice(payload.position() + from, n)));
                from += n;
                if (last) {
                    return frames;
                }
            }
        }
    };

    abstract List<Frame> split(FrameHeader template, String command, byte[] commandUtf8, ByteBuffer payload);

    static int capacity(byte[] commandUtf8) {
        int cap = FileWriteCommand.capacity(commandUtf8.length);
        if (cap < 1) {
            throw new IllegalArgumentException("command of " + commandUtf8.length
                    + " bytes leaves no room for payload in a frame");
        }
        return cap;
    }
}
