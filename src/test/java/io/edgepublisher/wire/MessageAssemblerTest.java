package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.wire.ConformanceDecodeTest.RecordingSinks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message rules: block order, end of message, classification, §6.4 text, file write streaming. */
class MessageAssemblerTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.44", 50123);

    static Frame frame(long block, boolean last, String command, String payload) throws FrameFormatException {
        return frame(FrameHeader.builder().block(block, last).source("10.0.0.7", 32148), command, payload);
    }

    static Frame frame(FrameHeader.Builder h, String command, String payload) throws FrameFormatException {
        Frame f = Frame.of(h.build(), command, ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
        return new FrameDecoder().decode(FrameEncoder.encode(f), 0);
    }

    @Test
    void classifiesByTheFirstWords() {
        assertEquals(InboundMessage.Kind.PRINT, InboundMessage.Kind.of("print"));
        assertEquals(InboundMessage.Kind.PRINT, InboundMessage.Kind.of("print some text"));
        assertEquals(InboundMessage.Kind.ECHO, InboundMessage.Kind.of("echo Command 'x' not recoginzed"));
        assertEquals(InboundMessage.Kind.FILE_WRITE, InboundMessage.Kind.of("file write a.json"));
        assertEquals(InboundMessage.Kind.FILE_WRITE, InboundMessage.Kind.of("file write"));
        assertEquals(InboundMessage.Kind.COMMAND, InboundMessage.Kind.of("file copy a b"));
        assertEquals(InboundMessage.Kind.JOB_REPLY, InboundMessage.Kind.of("job reply 1 2"));
        assertEquals(InboundMessage.Kind.COMMAND, InboundMessage.Kind.of("job status"));
        assertEquals(InboundMessage.Kind.COMMAND, InboundMessage.Kind.of("get status"));
        assertEquals(InboundMessage.Kind.COMMAND, InboundMessage.Kind.of("printer"));
        assertEquals(InboundMessage.Kind.COMMAND, InboundMessage.Kind.of(""));
    }

    @Test
    void multiFramePrintJoinsThePayloads() throws Exception {
        MessageAssembler a = new MessageAssembler(PEER, null);
        assertNull(a.accept(frame(1, false, "print", "hello ")));
        assertTrue(a.inProgress());
        InboundMessage m = a.accept(frame(2, true, "print", "world"));
        assertEquals(InboundMessage.Kind.PRINT, m.kind());
        assertEquals("hello world", m.text());
        assertEquals(2, m.frameCount());
        assertEquals(PEER, m.socketPeer());
        assertEquals(new PeerAddress("10.0.0.7", 32148), m.replyAddress());
        assertTrue(a.isFinished());
        assertFalse(a.inProgress());
    }

    @Test
    void replyTextMayStartInsideTheCommandField() throws Exception {
        InboundMessage m = new MessageAssembler(null, null)
                .accept(frame(1, true, "echo Blockchain message 'push' failed", "Error executing SQL"));
        assertEquals("Blockchain message 'push' failedError executing SQL", m.text());
        assertEquals("echo", m.firstWord());
        InboundMessage p = new MessageAssembler(null, null).accept(frame(1, true, "print done", ""));
        assertEquals("done", p.text());
    }

    @Test
    void commandsKeepHeaderFields() throws Exception {
        FrameHeader.Builder h = FrameHeader.builder().infoType(6).job(3, 777).receivers(4, 2).partitions(1, 0)
                .source("0.0.0.0", 32248);
        InboundMessage m = new MessageAssembler(PEER, null).accept(frame(h, "get status", ""));
        assertEquals(InboundMessage.Kind.COMMAND, m.kind());
        assertEquals("get status", m.text());
        assertEquals(3, m.jobLocation());
        assertEquals(777, m.jobId());
        assertEquals(4, m.receivers());
        assertEquals(2, m.receiverId());
        assertEquals(1, m.partitionsUsed());
        assertEquals(6, m.infoType());
        assertEquals(new RequestRef(3, 777, 4, 2, 1, 0, 0), m.requestRef());
        assertEquals(new PeerAddress("192.0.2.44", 32248), m.replyAddress(), "0.0.0.0 means the socket's peer");
    }

    @Test
    void blockNumbersMustCountFromOne() throws Exception {
        MessageAssembler first = new MessageAssembler(null, null);
        MessageAssemblyException e = assertThrows(MessageAssemblyException.class,
                () -> first.accept(frame(2, true, "print", "x")));
        assertEquals(ProtocolViolation.BLOCK_NUMBER_MISMATCH, e.violation());
        assertEquals("block number differs from the frame count: expected block 1, got 2", e.getMessage());

        RecordingSinks sinks = new RecordingSinks();
        MessageAssembler a = new MessageAssembler(null, sinks);
        a.accept(frame(1, false, "file write a.json", "abc"));
        assertThrows(MessageAssemblyException.class, () -> a.accept(frame(3, true, "file write a.json", "d")));
        assertTrue(sinks.opened.get(0).aborted);
        assertFalse(sinks.opened.get(0).completed);
        assertEquals(ProtocolViolation.FRAME_AFTER_LAST, assertThrows(MessageAssemblyException.class,
                () -> a.accept(frame(2, true, "file write a.json", "d"))).violation());
    }

    @Test
    void aNonZeroErrorCodeEndsTheMessage() throws Exception {
        MessageAssembler a = new MessageAssembler(null, null);
        InboundMessage m = a.accept(frame(FrameHeader.builder().block(1, false).errorCode(30), "echo failed", "d"));
        assertEquals(30, m.errorCode());
        assertEquals(InboundMessage.Kind.ECHO, m.kind());
        assertEquals(ProtocolViolation.FRAME_AFTER_LAST, assertThrows(MessageAssemblyException.class,
                () -> a.accept(frame(2, true, "echo failed", ""))).violation());
    }

    @Test
    void aFileWriteCutShortByAnErrorCodeIsAborted() throws Exception {
        RecordingSinks sinks = new RecordingSinks();
        MessageAssembler a = new MessageAssembler(null, sinks);
        a.accept(frame(1, false, "file write a.json", "abc"));
        MessageAssemblyException e = assertThrows(MessageAssemblyException.class, () -> a.accept(
                frame(FrameHeader.builder().block(2, false).errorCode(4), "file write a.json", "x")));
        assertEquals(ProtocolViolation.ENDED_BEFORE_LAST_BLOCK, e.violation());
        assertTrue(sinks.opened.get(0).aborted);
    }

    @Test
    void fileWritesStreamToTheSink() throws Exception {
        RecordingSinks sinks = new RecordingSinks();
        MessageAssembler a = new MessageAssembler(PEER, sinks);
        FrameHeader.Builder h = FrameHeader.builder().genericFlag(2).source("10.0.0.1", 32048);
        assertNull(a.accept(frame(h.block(1, false), "file write /tmp/my\tledger.new", "line1\n")));
        RecordingSinks.Recording r = sinks.opened.get(0);
        assertEquals("/tmp/my ledger.new", r.start.name());
        assertEquals(2, r.start.genericFlag());
        assertEquals(PEER, r.start.socketPeer());
        assertEquals("10.0.0.1", r.start.header().sourceIp());
        assertEquals("line1\n", r.bytes.toString(StandardCharsets.UTF_8));
        assertFalse(r.completed);
        assertNull(a.accept(frame(h.block(2, false), "file write /tmp/my\tledger.new", "")));
        InboundMessage m = a.accept(frame(h.block(3, true), "file write /tmp/my\tledger.new", "line2\n"));
        assertTrue(r.completed);
        assertFalse(r.aborted);
        assertEquals(3, r.appends);
        assertEquals("line1\nline2\n", r.bytes.toString(StandardCharsets.UTF_8));
        FileWriteResult fw = m.fileWrite();
        assertEquals(FileWriteResult.Status.WRITTEN, fw.status());
        assertEquals("/tmp/my ledger.new", fw.name());
        assertEquals(12, fw.bytes());
        assertEquals(2, fw.genericFlag());
        assertEquals(r, fw.sink());
        assertEquals(0, m.payload().remaining(), "file bytes are not kept in the message");
    }

    @Test
    void aRejectedFileIsDrainedAndReported() throws Exception {
        MessageAssembler a = new MessageAssembler(null, FileWriteSinkFactory.rejectAll());
        a.accept(frame(1, false, "file write a.json", "abc"));
        InboundMessage m = a.accept(frame(2, true, "file write a.json", "de"));
        FileWriteResult fw = m.fileWrite();
        assertEquals(FileWriteResult.Status.REJECTED, fw.status());
        assertEquals(294, fw.errorCode());
        assertEquals(5, fw.bytes());
        assertNull(fw.sink());
    }

    @Test
    void aFailingSinkIsAbortedAndReportedWith48() throws Exception {
        List<String> calls = new java.util.ArrayList<>();
        FileWriteSink failing = new FileWriteSink() {
            @Override
            public void append(ByteBuffer payload) throws IOException {
                calls.add("append");
                throw new IOException("disk full");
            }

            @Override
            public void complete() {
                calls.add("complete");
            }

            @Override
            public void abort() {
                calls.add("abort");
            }
        };
        MessageAssembler a = new MessageAssembler(null, start -> failing);
        a.accept(frame(1, false, "file write a.json", "abc"));
        InboundMessage m = a.accept(frame(2, true, "file write a.json", "de"));
        assertEquals(List.of("append", "abort"), calls);
        assertEquals(FileWriteResult.Status.FAILED, m.fileWrite().status());
        assertEquals(48, m.fileWrite().errorCode());
        assertTrue(m.fileWrite().detail().contains("disk full"), m.fileWrite().detail());
    }

    @Test
    void aSinkThatRefusesPartWayIsAbortedAndItsCodeReported() throws Exception {
        List<String> calls = new java.util.ArrayList<>();
        FileWriteSink limited = new FileWriteSink() {
            private int bytes;

            @Override
            public void append(ByteBuffer payload) throws FileWriteRejectedException {
                calls.add("append");
                bytes += payload.remaining();
                if (bytes > 3) {
                    throw new FileWriteRejectedException(230, "a.lmsg: more than 3 bytes");
                }
            }

            @Override
            public void complete() {
                calls.add("complete");
            }

            @Override
            public void abort() {
                calls.add("abort");
            }
        };
        MessageAssembler a = new MessageAssembler(null, start -> limited);
        a.accept(frame(1, false, "file write a.lmsg", "abc"));
        a.accept(frame(2, false, "file write a.lmsg", "de"));
        InboundMessage m = a.accept(frame(3, true, "file write a.lmsg", "fg"));
        assertEquals(List.of("append", "append", "abort"), calls, "nothing more reaches the sink once it refused");
        FileWriteResult fw = m.fileWrite();
        assertEquals(FileWriteResult.Status.REJECTED, fw.status());
        assertEquals(230, fw.errorCode());
        assertEquals("a.lmsg: more than 3 bytes", fw.detail());
        assertEquals(7, fw.bytes(), "the rest was read and discarded");
        assertNull(fw.sink());
    }

    @Test
    void abortStopsAPartialFile() throws Exception {
        RecordingSinks sinks = new RecordingSinks();
        MessageAssembler a = new MessageAssembler(null, sinks);
        a.accept(frame(1, false, "file write a.json", "abc"));
        a.abort();
        a.abort();
        assertTrue(sinks.opened.get(0).aborted);
        assertTrue(a.isFinished());
    }

    @Test
    void messagesLargerThanTheLimitAreRefused() throws Exception {
        MessageAssembler a = new MessageAssembler(null, null, 3000);
        String chunk = "x".repeat(1836);
        a.accept(frame(1, false, "print", chunk));
        MessageAssemblyException e = assertThrows(MessageAssemblyException.class,
                () -> a.accept(frame(2, true, "print", chunk)));
        assertEquals(ProtocolViolation.MESSAGE_TOO_LARGE, e.violation());
        // File writes are streamed and therefore not limited.
        String fileChunk = "x".repeat(1829);
        MessageAssembler f = new MessageAssembler(null, new RecordingSinks(), 10);
        f.accept(frame(1, false, "file write a", fileChunk));
        assertEquals(3658, f.accept(frame(2, true, "file write a", fileChunk)).fileWrite().bytes());
    }

    @Test
    void jobRepliesAreNotBuffered() throws Exception {
        MessageAssembler a = new MessageAssembler(null, null, 10);
        a.accept(frame(1, false, "job reply", "x".repeat(1000)));
        InboundMessage m = a.accept(frame(2, true, "job reply", "x".repeat(1000)));
        assertEquals(InboundMessage.Kind.JOB_REPLY, m.kind());
        assertEquals(0, m.payload().remaining());
    }
}
