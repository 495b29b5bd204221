package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Command, reply and large-message builders: §5, §6, §7.6 and the worked example of §13. */
class OutboundMessageTest {
    private static final SourceAddress OURS = SourceAddress.internalOnly(new PeerAddress("10.0.0.5", 32248));

    @Test
    void workedExampleOfSection13() {
        OutboundMessage m = CommandRequest.of("get status").job(3, 777).receivers(1, 0).build();
        List<Frame> frames = m.frames(OURS, "10.0.0.7");
        assertEquals(1, frames.size());
        byte[] b = FrameEncoder.encode(frames.get(0));
        String[][] nonZero = {
            {"30", "00000001"}, {"35", "01"}, {"36", "06"}, {"39", "000a"}, {"43", "0000000a"}, {"50", "0003"},
            {"52", "00000309"}, {"56", "0001"}, {"60", "0001"}, {"72", "08"}, {"73", "31302e302e302e35"},
            {"201", "00007df8"}, {"207", "676574207374617475"  + "73"}};
        byte[] expected = new byte[FrameLayout.FRAME_SIZE];
        for (String[] row : nonZero) {
            byte[] v = HexFormat.of().parseHex(row[1]);
            System.arraycopy(v, 0, expected, Integer.parseInt(row[0]), v.length);
        }
        assertEquals(-1, java.util.Arrays.mismatch(expected, b), "first differing byte");
    }

    @Test
    void printReplyCopiesTheRequestFields() {
        RequestRef ref = new RequestRef(3, 777, 4, 2, 1, 0, 0);
        Frame f = PrintReply.text(ref, "operator1@10.0.0.7:32148 running")
                .frames(new PeerAddress("10.0.0.7", 32148)).get(0);
        FrameHeader h = f.header();
        assertEquals("print", f.command());
        assertEquals(InfoType.REPLY, h.infoType());
        assertEquals(GenericFlag.PRINT_TEXT, h.genericFlag());
        assertEquals(3, h.jobLocation());
        assertEquals(777, h.jobId());
        assertEquals(4, h.receivers());
        assertEquals(2, h.receiverId());
        assertEquals(1, h.partitionsUsed());
        assertEquals(0, h.errorCode());
        assertEquals(1, h.lastFlag());
        assertEquals(5 + 32, f.dataLength());
        assertEquals(GenericFlag.PRINT_JSON,
                PrintReply.json(ref, "{}").frames(OURS.internal()).get(0).header().genericFlag());
    }

    @Test
    void multiFrameReplyRepeatsTheCommandAndUsesTheFullCapacity() {
        String text = "a".repeat(1836 * 2) + "tail";
        List<Frame> frames = PrintReply.text(RequestRef.NONE, text).frames(OURS.internal());
        assertEquals(3, frames.size());
        assertEquals(1836, frames.get(0).payloadLength());
        assertEquals(1836, frames.get(1).payloadLength());
        assertEquals(4, frames.get(2).payloadLength());
        for (int i = 0; i < 3; i++) {
            assertEquals("print", frames.get(i).command());
            assertEquals(i + 1, frames.get(i).header().blockNumber());
            assertEquals(i == 2 ? 1 : 0, frames.get(i).header().lastFlag());
        }
        // Exactly one frame's worth: no extra empty frame for replies.
        assertEquals(1, PrintReply.text(RequestRef.NONE, "b".repeat(1836)).frames(OURS.internal()).size());
        assertEquals(1, PrintReply.text(RequestRef.NONE, "").frames(OURS.internal()).size());
    }

    @Test
    void echoKeepsTheRequestFlagAndCarriesTheCode() {
        RequestRef ref = new RequestRef(15, 70005, 1, 0, 1, 0, 0);
        Frame f = EchoReply.of(ref, 1, "Command 'foo bar' not recoginzed").frames(OURS.internal()).get(0);
        assertEquals("echo Command 'foo bar' not recoginzed", f.command());
        assertEquals(1, f.header().errorCode());
        assertEquals(0, f.header().genericFlag());
        assertEquals(InfoType.REPLY, f.header().infoType());
        assertEquals(0, f.payloadLength());
        RequestRef flagged = new RequestRef(0, 0, 0, 0, 0, 0, 1);
        assertEquals(1, EchoReply.of(flagged, 48, "x").frames(OURS.internal()).get(0).header().genericFlag());
    }

    @Test
    void fileWriteFailureEchoHasEdgeLakesWording() {
        Frame f = EchoReply.fileWriteFailed(RequestRef.NONE, 86, "a.b.0.x.0.json").frames(OURS.internal()).get(0);
        assertEquals("echo 'File write' operation failed: <a.b.0.x.0.json>", f.command());
        assertEquals(86, f.header().errorCode());
    }

    @Test
    void longEchoTextContinuesInThePayloadWithoutChangingTheMessage() throws Exception {
        String text = "é".repeat(3000);
        List<Frame> frames = EchoReply.of(RequestRef.NONE, 3, text, "DETAIL").frames(OURS.internal());
        assertTrue(frames.get(0).commandLength() <= EchoReply.MAX_COMMAND_BYTES);
        assertTrue(frames.size() > 1);
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i == frames.size() - 1 ? 3 : 0, frames.get(i).header().errorCode(), "error code, frame " + i);
        }
        MessageAssembler a = new MessageAssembler(null, null);
        InboundMessage m = null;
        for (Frame f : frames) {
            m = a.accept(reDecode(f));
        }
        assertEquals(InboundMessage.Kind.ECHO, m.kind());
        assertEquals(text + "DETAIL", m.text());
        assertEquals(3, m.errorCode());
    }

    @Test
    void commandsBelow1841BytesAreOneFrame() {
        String cmd = "blockchain push " + "x".repeat(1840 - 16);
        OutboundMessage m = CommandRequest.of(cmd).build();
        assertFalse(m.isLargeMessage());
        List<Frame> frames = m.frames(OURS.internal());
        assertEquals(1, frames.size());
        assertEquals(1840, frames.get(0).dataLength());
    }

    @Test
    void commandsOf1841BytesOrMoreAreLargeMessages() throws Exception {
        SourceAddress withExternal = new SourceAddress(OURS.internal(), new PeerAddress("203.0.113.9", 32248));
        String cmd = "blockchain push " + "y".repeat(5000);
        OutboundMessage m = CommandRequest.of(cmd).job(9, 4242).receivers(2, 1).build();
        assertTrue(m.isLargeMessage());
        assertEquals(cmd, m.command());
        List<Frame> frames = m.frames(withExternal, "10.0.0.7");
        Pattern name = Pattern.compile("file write cmd\\.203\\.0\\.113\\.9\\.(\\d+)\\.lmsg");
        Matcher matcher = name.matcher(frames.get(0).command());
        assertTrue(matcher.matches(), frames.get(0).command());
        int k = Integer.parseInt(matcher.group(1));
        assertTrue(k >= 1 && k <= 100);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Frame f : frames) {
            FrameHeader h = f.header();
            assertEquals(GenericFlag.FILE_LARGE_MESSAGE, h.genericFlag());
            assertEquals(InfoType.FILE, h.infoType());
            assertEquals(9, h.jobLocation());
            assertEquals(4242, h.jobId());
            assertEquals(2, h.receivers());
            assertEquals(1, h.receiverId());
            assertEquals("10.0.0.5", h.sourceIp(), "private destination gets the internal source");
            byte[] p = new byte[f.payloadLength()];
            f.payload().get(p);
            content.writeBytes(p);
        }
        assertEquals(cmd, content.toString(StandardCharsets.UTF_8));
        assertTrue(CommandRequest.of("x".repeat(1841)).build().isLargeMessage());
    }

    @Test
    void largeMessageIdsCycleFrom1To100() {
        Pattern p = Pattern.compile("cmd\\.1\\.2\\.3\\.4\\.(\\d+)\\.lmsg");
        int previous = -1;
        boolean wrapped = false;
        for (int i = 0; i < 250; i++) {
            Matcher m = p.matcher(LargeMessageNames.next("1.2.3.4"));
            assertTrue(m.matches());
            int k = Integer.parseInt(m.group(1));
            assertTrue(k >= 1 && k <= 100, "k = " + k);
            if (previous != -1) {
                if (previous == 100) {
                    assertEquals(1, k);
                    wrapped = true;
                } else {
                    assertEquals(previous + 1, k);
                }
            }
            previous = k;
        }
        assertTrue(wrapped);
    }

    @Test
    void commandsOverOneMebibyteFailWith230() {
        CommandException e = assertThrows(CommandException.class,
                () -> CommandRequest.of("z".repeat((1 << 20) + 1)).build());
        assertEquals(230, e.code());
        assertTrue(CommandRequest.of("z".repeat(1 << 20)).build().isLargeMessage());
    }

    static Frame reDecode(Frame f) throws FrameFormatException {
        return new FrameDecoder().decode(ByteBuffer.wrap(FrameEncoder.encode(f)));
    }
}
