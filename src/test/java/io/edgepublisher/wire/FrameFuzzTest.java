package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated input never throws anything but the protocol exceptions. */
class FrameFuzzTest {

    @Test
    void randomFramesOnlyEverFailWithFrameFormatException() {
        Random r = new Random(20261128);
        FrameDecoder d = new FrameDecoder();
        byte[] f = new byte[FrameLayout.FRAME_SIZE];
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            r.nextBytes(f);
            if (i % 2 == 0) {
                // Plausible lengths, so the UTF-8 and slicing paths run, not just the length checks.
                int cmd = r.nextInt(64);
                ByteBuffer.wrap(f).putShort(39, (short) cmd).putShort(41, (short) r.nextInt(3))
                        .putInt(43, cmd + 2 + r.nextInt(1800)).put(72, (byte) r.nextInt(140));
            }
            decoded += tryDecode(d, f);
        }
        assertTrue(decoded > 100, "some random frames must decode: " + decoded);
    }

    @Test
    void mutatedValidFramesOnlyEverFailWithFrameFormatException() {
        Random r = new Random(7);
        FrameDecoder d = new FrameDecoder();
        byte[] base = FrameEncoder.encode(Frame.of(
                FrameHeader.builder().source("127.0.0.1", 32148).infoType(4).genericFlag(1).build(),
                "print Zürich ✓", ByteBuffer.wrap("payload".getBytes(StandardCharsets.UTF_8))));
        for (int i = 0; i < 50_000; i++) {
            byte[] f = base.clone();
            int mutations = 1 + r.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                int at = r.nextInt(10) < 8 ? r.nextInt(240) : r.nextInt(f.length);
                f[at] = (byte) r.nextInt(256);
            }
            tryDecode(d, f);
        }
    }

    @Test
    void commandIsAcceptedExactlyWhenItIsValidUtf8() throws Exception {
        Random r = new Random(99);
        FrameDecoder d = new FrameDecoder();
        byte[] f = new byte[FrameLayout.FRAME_SIZE];
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + r.nextInt(8);
            byte[] cmd = new byte[n];
            for (int k = 0; k < n; k++) {
                cmd[k] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(0x80));
            }
            Arrays.fill(f, (byte) 0);
            ByteBuffer.wrap(f).putShort(39, (short) n).putInt(43, n).put(207, cmd);
            boolean valid = Arrays.equals(cmd, new String(cmd, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            try {
                Frame frame = d.decode(f, 0);
                assertTrue(valid, "accepted invalid UTF-8 " + java.util.HexFormat.of().formatHex(cmd));
                assertEquals(new String(cmd, StandardCharsets.UTF_8), frame.command());
            } catch (FrameFormatException e) {
                assertTrue(!valid, "rejected valid UTF-8 " + java.util.HexFormat.of().formatHex(cmd));
                assertEquals(ProtocolViolation.COMMAND_NOT_UTF8, e.violation());
            }
        }
    }

    @Test
    void randomFrameSequencesOnlyEverFailWithProtocolExceptions() {
        Random r = new Random(3);
        FrameDecoder d = new FrameDecoder();
        for (int conn = 0; conn < 3_000; conn++) {
            MessageAssembler a = new MessageAssembler(null, start -> new ConformanceDecodeTest.RecordingSinks()
                    .open(start), 4096);
            String[] commands = {"print", "echo x", "file write a b", "job reply", "get status", "file write"};
            String cmd = commands[r.nextInt(commands.length)];
            for (int k = 1; k <= 1 + r.nextInt(6); k++) {
                FrameHeader h = FrameHeader.builder()
                        .block(r.nextInt(10) < 8 ? k : r.nextInt(5), r.nextInt(4) == 0)
                        .errorCode(r.nextInt(6) == 0 ? r.nextInt(300) : 0)
                        .build();
                byte[] payload = new byte[r.nextInt(1841 - cmd.length())];
                try {
                    a.accept(d.decode(FrameEncoder.encode(Frame.of(h, cmd, ByteBuffer.wrap(payload))), 0));
                } catch (WireProtocolException expected) {
                    break;
                } catch (RuntimeException e) {
                    fail("unexpected " + e, e);
                }
            }
            a.abort();
        }
    }

    private static int tryDecode(FrameDecoder d, byte[] f) {
        try {
            Frame frame = d.decode(f, 0);
            assertTrue(frame.usedLength() <= FrameLayout.FRAME_SIZE);
            frame.payload().get(new byte[frame.payloadLength()]);
            return 1;
        } catch (FrameFormatException expected) {
            return 0;
        } catch (RuntimeException e) {
            fail("decoder threw " + e + " for " + java.util.HexFormat.of().formatHex(f, 0, 240), e);
            return 0;
        }
    }
}
