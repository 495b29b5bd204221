package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The last-frame rule and table of PROTOCOL.md §7.1, and the worked example of §14 byte for byte. */
class FileWriteChunkingTest {
    static final String NAME = "mydb.sensor.0.d9536253788691682ba42126b33686fe.0.json";
    static final PeerAddress SOURCE = new PeerAddress("10.0.0.5", 32248);

    @Test
    void commandOfTheExampleIs64BytesWithCapacity1777() {
        String command = FileWriteCommand.forName(NAME);
        assertEquals("file write " + NAME, command);
        assertEquals(64, command.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(1777, FileWriteCommand.capacity(64));
    }

    @Test
    void chunkingTableOfSection71() {
        assertChunks(0, new int[] {0});
        assertChunks(1000, new int[] {1000});
        assertChunks(1777, new int[] {1777, 0});
        assertChunks(3554, new int[] {1777, 1777, 0});
        assertChunks(5000, new int[] {1777, 1777, 1446});
    }

    private static void assertChunks(int size, int[] payloads) {
        List<Frame> frames = FileWriteMessage.of(NAME, GenericFlag.FILE_WATCH_DIR, new byte[size]).frames(SOURCE);
        assertEquals(payloads.length, frames.size(), "frames for " + size + " bytes");
        for (int i = 0; i < payloads.length; i++) {
            Frame f = frames.get(i);
            assertEquals(payloads[i], f.payloadLength(), size + " bytes, frame " + (i + 1));
            assertEquals(i == payloads.length - 1 ? 1 : 0, f.header().lastFlag(), size + " bytes, last flag");
            assertEquals(i + 1, f.header().blockNumber());
            assertEquals(64 + payloads[i], f.dataLength());
        }
    }

    @Test
    void workedExampleOfSection14ByteForByte() {
        byte[] file = new byte[5000];
        new Random(14).nextBytes(file);
        List<Frame> frames = FileWriteMessage.of(NAME, GenericFlag.FILE_WATCH_DIR, file).frames(SOURCE);
        int[][] table = {{1, 0, 64, 1841, 0, 1777}, {2, 0, 64, 1841, 1777, 3554}, {3, 1, 64, 1510, 3554, 5000}};
        assertEquals(3, frames.size());
        for (int i = 0; i < 3; i++) {
            byte[] b = FrameEncoder.encode(frames.get(i));
            int[] row = table[i];
            byte[] expected = new byte[FrameLayout.FRAME_SIZE];
            ByteBuffer e = ByteBuffer.wrap(expected);
            e.putInt(30, row[0]);
            e.put(35, (byte) row[1]);
            e.putShort(39, (short) row[2]);
            e.putInt(43, row[3]);
            e.put(72, (byte) 8);
            e.put(73, "10.0.0.5".getBytes(StandardCharsets.US_ASCII));
            e.putInt(201, 32248);
            e.putShort(205, (short) 1);
            e.put(207, ("file write " + NAME).getBytes(StandardCharsets.US_ASCII));
            e.put(271, file, row[4], row[5] - row[4]);
            assertEquals(-1, java.util.Arrays.mismatch(expected, b), "frame " + row[0] + " first differing byte");
        }
    }

    @Test
    void spacesInNamesTravelAsTab() {
        List<Frame> frames = FileWriteMessage.of("my file.json", 0, new byte[3]).frames(SOURCE);
        assertEquals("file write my\tfile.json", frames.get(0).command());
        assertEquals("my file.json", FileWriteCommand.nameOf(frames.get(0).command()));
    }

    @Test
    void framesCarryBytesNotCharacters() {
        // A 3-byte character at the frame boundary is split, as EdgeLake does (fw_A vector).
        String cmd = FileWriteCommand.forName(NAME);
        byte[] text = ("x".repeat(1776) + "✓").getBytes(StandardCharsets.UTF_8);
        List<Frame> frames = FileWriteMessage.of(NAME, 1, text).frames(SOURCE);
        assertEquals(2, frames.size());
        assertEquals(1777, frames.get(0).payloadLength());
        byte[] second = new byte[frames.get(1).payloadLength()];
        frames.get(1).payload().get(second);
        assertEquals("9c93", HexFormat.of().formatHex(second));
        assertEquals(cmd, frames.get(1).command());
    }

    @Test
    void nameThatLeavesNoRoomForPayloadIsRefused() {
        String longName = "n".repeat(FrameLayout.BODY_SIZE - FileWriteCommand.PREFIX.length());
        assertThrows(IllegalArgumentException.class, () -> FileWriteMessage.of(longName, 1, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> FileWriteMessage.of("", 1, new byte[1]));
    }

    @Test
    void streamedFramesEqualInMemoryFrames() throws Exception {
        for (int size : new int[] {0, 1, 1776, 1777, 1778, 3554, 5000, 100_000}) {
            byte[] file = new byte[size];
            new Random(size).nextBytes(file);
            List<Frame> expected = FileWriteMessage.of(NAME, 1, file).frames(SOURCE);
            var channel = java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(file));
            FileFrameStreamer s = new FileFrameStreamer(FileWriteCommand.forName(NAME), 1, SOURCE, channel);
            int i = 0;
            while (s.next()) {
                assertArrayEquals(FrameEncoder.encode(expected.get(i)), s.frame(), size + " bytes, frame " + i);
                assertEquals(expected.get(i).payloadLength(), s.payloadLength());
                i++;
            }
            assertEquals(expected.size(), i, size + " bytes: frame count");
            assertEquals(size, s.payloadBytes());
        }
    }
}
