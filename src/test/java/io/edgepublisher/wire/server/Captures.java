package io.edgepublisher.wire.server;

import io.edgepublisher.wire.FrameLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Captured frames of conformance/frames and the edits tests make to them. */
final class Captures {
    static final int SOURCE_IP_LENGTH = 72;
    static final int SOURCE_IP = 73;
    static final int SOURCE_PORT = 201;
    static final int COMMAND_LENGTH = 39;
    static final int DATA_LENGTH = 43;

    private Captures() {
    }

    /** The bytes of {@code conformance/frames/<name>.bin}. */
    static byte[] load(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/conformance/frames/" + name + ".bin")) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int frames(byte[] capture) {
        return capture.length / FrameLayout.FRAME_SIZE;
    }

    static byte[] frame(byte[] capture, int k) {
        return Arrays.copyOfRange(capture, k * FrameLayout.FRAME_SIZE, (k + 1) * FrameLayout.FRAME_SIZE);
    }

    /** Rewrites the source ip and port of every frame (a request aimed at a listener the test controls). */
    static byte[] withSource(byte[] capture, String ip, int port) {
        byte[] out = capture.clone();
        for (int k = 0; k < frames(out); k++) {
            ByteBuffer b = ByteBuffer.wrap(out, k * FrameLayout.FRAME_SIZE, FrameLayout.FRAME_SIZE).slice();
            byte[] ipBytes = ip.getBytes(StandardCharsets.US_ASCII);
            b.put(SOURCE_IP_LENGTH, (byte) ipBytes.length);
            for (int i = 0; i < 128; i++) {
                b.put(SOURCE_IP + i, i < ipBytes.length ? ipBytes[i] : 0);
            }
            b.putInt(SOURCE_PORT, port);
        }
        return out;
    }

    /**
     * One captured reply frame as our node must send it: the capture with our source address, and {@code payload}
     * after the command with the data length to match. Compare {@code [0, usedLength(result))}.
     */
    static byte[] expectedFrame(byte[] capturedFrame, String ip, int port, byte[] payload) {
        byte[] out = withSource(capturedFrame, ip, port);
        ByteBuffer b = ByteBuffer.wrap(out);
        int commandLength = Short.toUnsignedInt(b.getShort(COMMAND_LENGTH));
        b.putInt(DATA_LENGTH, commandLength + payload.length);
        System.arraycopy(payload, 0, out, FrameLayout.HEADER_SIZE + commandLength, payload.length);
        return out;
    }

    /** {@code 207 + data length}: the bytes of a frame that mean something. */
    static int usedLength(byte[] frame) {
        return FrameLayout.HEADER_SIZE + ByteBuffer.wrap(frame).getInt(DATA_LENGTH);
    }

    static byte[] used(byte[] frame) {
        return Arrays.copyOf(frame, usedLength(frame));
    }
}
