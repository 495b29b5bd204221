package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each rule of PROTOCOL.md §3 rejects with its own violation; the boundaries themselves are accepted. */
class FrameDecoderValidationTest {

    /** A valid frame: command "get status", source 10.0.0.5:32248, payload "abc". */
    static byte[] valid() {
        FrameHeader h = FrameHeader.builder().infoType(6).source("10.0.0.5", 32248).build();
        return FrameEncoder.encode(Frame.of(h, "get status", ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8))));
    }

    static ByteBuffer lengths(byte[] frame, int command, int auth, long data) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.putShort(39, (short) command);
        b.putShort(41, (short) auth);
        b.putInt(43, (int) data);
        return b;
    }

    private static ProtocolViolation rejection(byte[] frame) {
        return assertThrows(FrameFormatException.class, () -> new FrameDecoder().decode(frame, 0)).violation();
    }

    @Test
    void commandLongerThanTheBody() {
        byte[] f = valid();
        lengths(f, 1842, 0, 1842);
        assertEquals(ProtocolViolation.COMMAND_TOO_LONG, rejection(f));
        lengths(f, 0xFFFF, 0, 10);
        assertEquals(ProtocolViolation.COMMAND_TOO_LONG, rejection(f));
    }

    @Test
    void dataShorterThanCommandPlusAuth() {
        byte[] f = valid();
        lengths(f, 10, 0, 9);
        assertEquals(ProtocolViolation.DATA_SHORTER_THAN_COMMAND, rejection(f));
        lengths(f, 10, 5, 14);
        assertEquals(ProtocolViolation.DATA_SHORTER_THAN_COMMAND, rejection(f));
        lengths(f, 10, 0xFFFF, 1841);
        assertEquals(ProtocolViolation.DATA_SHORTER_THAN_COMMAND, rejection(f));
    }

    @Test
    void dataBeyondTheFrame() {
        byte[] f = valid();
        lengths(f, 10, 0, 1842);
        assertEquals(ProtocolViolation.DATA_TOO_LONG, rejection(f));
        lengths(f, 10, 0, 0xFFFF_FFFFL);
        assertEquals(ProtocolViolation.DATA_TOO_LONG, rejection(f));
    }

    @Test
    void sourceIpLongerThan128() {
        byte[] f = valid();
        f[72] = (byte) 129;
        assertEquals(ProtocolViolation.SOURCE_IP_TOO_LONG, rejection(f));
        f[72] = (byte) 255;
        assertEquals(ProtocolViolation.SOURCE_IP_TOO_LONG, rejection(f));
    }

    @Test
    void commandThatIsNotUtf8() {
        for (String bad : new String[] {"c328", "c080", "eda080", "e29c", "ff", "f4908080", "80"}) {
            byte[] f = valid();
            byte[] cmd = HexFormat.of().parseHex(bad);
            System.arraycopy(cmd, 0, f, 207, cmd.length);
            lengths(f, cmd.length, 0, cmd.length);
            FrameFormatException e = assertThrows(FrameFormatException.class, () -> new FrameDecoder().decode(f, 0),
                    bad);
            assertEquals(ProtocolViolation.COMMAND_NOT_UTF8, e.violation(), bad);
        }
    }

    @Test
    void truncatedInput() {
        assertEquals(ProtocolViolation.TRUNCATED_FRAME, assertThrows(FrameFormatException.class,
                () -> new FrameDecoder().decode(new byte[2047], 0)).violation());
        assertEquals(ProtocolViolation.TRUNCATED_FRAME, assertThrows(FrameFormatException.class,
                () -> new FrameDecoder().decode(valid(), 1)).violation());
        assertEquals(ProtocolViolation.TRUNCATED_FRAME, assertThrows(FrameFormatException.class,
                () -> new FrameDecoder().decode(valid(), 5000)).violation());
    }

    @Test
    void boundariesAreAccepted() throws Exception {
        byte[] f = valid();
        byte[] cmd = "x".repeat(1841).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(cmd, 0, f, 207, cmd.length);
        lengths(f, 1841, 0, 1841);
        f[72] = (byte) 128;
        Frame frame = new FrameDecoder().decode(f, 0);
        assertEquals(1841, frame.commandLength());
        assertEquals(0, frame.payloadLength());
        assertEquals(128, frame.header().sourceIp().length());
    }

    @Test
    void authenticationBytesAreSkipped() throws Exception {
        byte[] f = valid();
        // "get status", then 3 auth bytes, then a 2-byte payload
        System.arraycopy("AUTxy".getBytes(StandardCharsets.US_ASCII), 0, f, 217, 5);
        lengths(f, 10, 3, 15);
        Frame frame = new FrameDecoder().decode(f, 0);
        assertEquals(3, frame.authLength());
        byte[] payload = new byte[frame.payloadLength()];
        frame.payload().get(payload);
        assertEquals("xy", new String(payload, StandardCharsets.US_ASCII));
        byte[] auth = new byte[3];
        frame.auth().get(auth);
        assertEquals("AUT", new String(auth, StandardCharsets.US_ASCII));
        assertArrayEquals(java.util.Arrays.copyOf(f, 222), java.util.Arrays.copyOf(FrameEncoder.encode(frame), 222));
    }

    @Test
    void decodingNeitherMovesThePositionNorCopiesThePayload() throws Exception {
        byte[] two = new byte[4096 + 7];
        System.arraycopy(valid(), 0, two, 7, 2048);
        ByteBuffer direct = ByteBuffer.allocateDirect(two.length);
        direct.put(two).flip();
        direct.position(7);
        FrameDecoder d = new FrameDecoder();
        Frame frame = d.decode(direct);
        assertEquals(7, direct.position());
        assertEquals("get status", frame.command());
        assertEquals("10.0.0.5", frame.header().sourceIp());
        direct.put(7 + 217, (byte) 'X');
        assertEquals('X', frame.payload().get(0), "payload is a view of the input");
        Frame again = d.decode(two, 7);
        assertEquals("get status", again.command());
    }

    @Test
    void nonAsciiCommandsDecode() throws Exception {
        FrameHeader h = FrameHeader.builder().build();
        byte[] f = FrameEncoder.encode(Frame.of(h, "print Zürich 東京 ✓ 😀"));
        assertEquals("print Zürich 東京 ✓ 😀", new FrameDecoder().decode(f, 0).command());
    }
}
