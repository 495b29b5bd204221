package io.edgepublisher.wire.server;

import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.EchoReply;
import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.FrameHeader;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PrintReply;
import io.edgepublisher.wire.RequestRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Builds one connection's bytes: a valid message, a mutated one, or noise. */
final class FrameStorm {
    private FrameStorm() {
    }

    static byte[] next(Random r, PeerAddress source) {
        byte[] bytes = encode(seed(r).frames(source));
        switch (r.nextInt(12)) {
            case 0:
                return bytes; // valid
            case 1:
                return flip(r, bytes, 1 + r.nextInt(8));
            case 2:
                return badLengths(r, bytes);
            case 3:
                return wrongBlocks(r, bytes);
            case 4:
                return invalidUtf8(r, bytes);
            case 5:
                return Arrays.copyOf(bytes, r.nextInt(bytes.length)); // truncated
            case 6:
                return noise(r, 1 + r.nextInt(4), source);
            case 7:
                return withoutLastFlag(bytes);
            case 8:
                return concat(bytes, encode(seed(r).frames(source))); // frames after the last block
            case 9:
                return badSourceLength(bytes);
            case 10:
                return errorMidway(r, bytes);
            default:
                return flip(r, bytes, 1);
        }
    }

    /** A valid message to start from. */
    private static OutboundMessage seed(Random r) {
        switch (r.nextInt(9)) {
            case 0:
                return CommandRequest.of("get status").job(r.nextInt(1000), r.nextInt() & 0xFFFF_FFFFL).build();
            case 1:
                return CommandRequest.of("get processes where format = json").build();
            case 2:
                return CommandRequest.of("frobnicate " + r.nextInt()).build();
            case 3:
                return FileWriteMessage.of("mydb.t.0.ab.0.json", r.nextInt(4), random(r, r.nextInt(100_000)));
            case 4:
                return CommandRequest.of("get status" + " ".repeat(1900 + r.nextInt(3000))).build();
            case 5:
                return FileWriteMessage.of("cmd.127.0.0.1." + (1 + r.nextInt(100)) + ".lmsg", 3,
                    random(r, r.nextInt(300_000)));
            case 6:
                return PrintReply.text(new RequestRef(r.nextInt(1000), r.nextInt() & 0xFFFFL, 1, 0, 1, 0, 0),
                    "x".repeat(r.nextInt(5000)));
            case 7:
                return EchoReply.of(RequestRef.NONE, 294, "'File write' operation failed: <x>");
            default:
                return CommandRequest.of("set node name pwned").build();
        }
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Random bytes anywhere except the source address (72–204), which must keep replies on loopback. */
    private static byte[] flip(Random r, byte[] b, int count) {
        for (int i = 0; i < count; i++) {
            int frame = r.nextInt(b.length / 2048);
            int off = r.nextInt(2048 - 133);
            off = off < 72 ? off : off + 133;
            b[frame * 2048 + off] = (byte) r.nextInt(256);
        }
        return b;
    }

    private static byte[] badLengths(Random r, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int frame = r.nextInt(b.length / 2048) * 2048;
        switch (r.nextInt(4)) {
            case 0 -> buf.putShort(frame + 39, (short) (1842 + r.nextInt(20_000)));
            case 1 -> buf.putInt(frame + 43, r.nextInt(Short.toUnsignedInt(buf.getShort(frame + 39)) + 1) - 1);
            case 2 -> buf.putInt(frame + 43, 1842 + r.nextInt());
            default -> buf.putShort(frame + 41, (short) r.nextInt(4000));
        }
        return b;
    }

    private static byte[] wrongBlocks(Random r, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int frame = r.nextInt(b.length / 2048) * 2048;
        buf.putInt(frame + 30, r.nextBoolean() ? 0 : buf.getInt(frame + 30) + 1 + r.nextInt(5));
        return b;
    }

    private static byte[] invalidUtf8(Random r, byte[] b) {
        int length = Short.toUnsignedInt(ByteBuffer.wrap(b).getShort(39));
        b[207 + r.nextInt(Math.max(1, Math.min(length, 1841)))] = (byte) (0xF8 | r.nextInt(8));
        return b;
    }

    private static byte[] noise(Random r, int count, PeerAddress source) {
        byte[] b = random(r, count * 2048);
        byte[] stamp = encode(List.of(Frame.of(FrameHeader.builder().source(source).build(), "x")));
        for (int k = 0; k < count; k++) {
            System.arraycopy(stamp, 72, b, k * 2048 + 72, 133);
            if (r.nextBoolean()) {
                ByteBuffer.wrap(b).putInt(k * 2048 + 30, k + 1); // plausible block numbers get further
            }
        }
        return b;
    }

    private static byte[] withoutLastFlag(byte[] b) {
        b[b.length - 2048 + 35] = 0;
        return b;
    }

    private static byte[] badSourceLength(byte[] b) {
        b[72] = (byte) 200;
        return b;
    }

    private static byte[] errorMidway(Random r, byte[] b) {
        int frame = r.nextInt(b.length / 2048) * 2048;
        ByteBuffer.wrap(b).putShort(frame + 37, (short) (1 + r.nextInt(300)));
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] encode(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames.size() * 2048);
        for (Frame f : frames) {
            out.writeBytes(FrameEncoder.encode(f));
        }
        return out.toByteArray();
    }
}
