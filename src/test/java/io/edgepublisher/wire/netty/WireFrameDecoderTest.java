package io.edgepublisher.wire.netty;

import io.edgepublisher.testing.LogCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.FileWriteResult;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PrintReply;
import io.edgepublisher.wire.RequestRef;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-channel decoder, byte by byte, without a socket. */
class WireFrameDecoderTest {
    private static final PeerAddress SOURCE = new PeerAddress("10.0.0.7", 32148);

    private final List<MemorySink> sinks = new ArrayList<>();
    private final FileWriteSinkFactory factory = start -> {
        MemorySink s = new MemorySink();
        sinks.add(s);
        return s;
    };

    private EmbeddedChannel channel(Duration idle) {
        return new EmbeddedChannel(new WireDecoderFactory(WireDecoderSettings.defaults().withIdleTimeout(idle)
                .withSinks(factory)).newChannelHandler());
    }

    private static byte[] bytes(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(FrameEncoder.encode(f));
        }
        return out.toByteArray();
    }

    @Test
    void bytesArrivingOneByOneMakeOneMessageAndTheConnectionCloses() {
        String text = "row\r\n".repeat(500);
        byte[] wire = bytes(PrintReply.text(new RequestRef(3, 777, 1, 0, 1, 0, 0), text).frames(SOURCE));
        EmbeddedChannel ch = channel(Duration.ofSeconds(30));
        for (byte b : wire) {
            assertNull(ch.readInbound());
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        InboundMessage m = ch.readInbound();
        assertEquals(InboundMessage.Kind.PRINT, m.kind());
        assertEquals(text, m.text());
        assertEquals(777, m.jobId());
        assertEquals(2, m.frameCount());
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "closed after the message");
        assertNull(ch.readInbound());
        ch.checkException();
    }

    @Test
    void fileWriteStreamsToTheSinkAndTrailingBytesAreIgnored() {
        byte[] content = new byte[4000];
        java.util.Arrays.fill(content, (byte) 'z');
        byte[] wire = bytes(FileWriteMessage.of("/var/lib/x/blockchain.master_id_1.new", 2, content).frames(SOURCE));
        EmbeddedChannel ch = channel(Duration.ofSeconds(30));
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(wire).writeBytes(new byte[100]);
        ch.writeInbound(all);
        InboundMessage m = ch.readInbound();
        assertEquals(InboundMessage.Kind.FILE_WRITE, m.kind());
        assertEquals(FileWriteResult.Status.WRITTEN, m.fileWrite().status());
        assertEquals(4000, sinks.get(0).bytes.size());
        assertTrue(sinks.get(0).completed);
        ch.finish();
        ch.checkException();
    }

    @Test
    void wrongBlockNumberDropsTheConnectionWithOneLogLine() {
        List<Frame> frames = FileWriteMessage.of("a.json", 2, new byte[5000]).frames(SOURCE);
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = channel(Duration.ofSeconds(30));
            ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(0))));
            ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(2))));
            assertNull(ch.readInbound());
            assertFalse(ch.isOpen());
            assertTrue(sinks.get(0).aborted);
            assertFalse(sinks.get(0).completed);
            ch.finish();
            ch.checkException();
            assertEquals(List.of("Dropped peer connection from embedded: block number differs from the frame "
                    + "count: expected block 2, got 3"), log.lines());
        }
    }

    @Test
    void truncatedFrameAtEndOfStreamAbortsTheFile() {
        List<Frame> frames = FileWriteMessage.of("a.json", 2, new byte[5000]).frames(SOURCE);
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = channel(Duration.ofSeconds(30));
            ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(0))));
            ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(1)), 0, 1000));
            assertFalse(ch.finish(), "nothing passed downstream");
            assertTrue(sinks.get(0).aborted);
            ch.checkException();
            assertEquals(List.of("Dropped peer connection from embedded: truncated frame at end of stream: "
                    + "1000 of 2048 bytes after 1 frame(s)"), log.lines());
        }
    }

    @Test
    void endOfStreamBeforeTheLastBlockAbortsTheFile() {
        List<Frame> frames = FileWriteMessage.of("a.json", 2, new byte[5000]).frames(SOURCE);
        EmbeddedChannel ch = channel(Duration.ofSeconds(30));
        ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(0))));
        assertFalse(ch.finish());
        assertTrue(sinks.get(0).aborted);
    }

    @Test
    void invalidCommandBytesDropTheConnectionWithoutEscapingExceptions() {
        byte[] frame = FrameEncoder.encode(Frame.of(io.edgepublisher.wire.FrameHeader.builder().build(), "get x"));
        frame[207 + 4] = (byte) 0xFF;
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = channel(Duration.ofSeconds(30));
            ch.writeInbound(Unpooled.wrappedBuffer(frame));
            assertNull(ch.readInbound());
            assertFalse(ch.isOpen());
            ch.finish();
            ch.checkException();
            assertEquals(List.of("Dropped peer connection from embedded: command bytes are not valid UTF-8: "
                    + "invalid UTF-8 in the 5-byte command"), log.lines());
        }
    }

    @Test
    void badLengthsDropTheConnection() {
        byte[] frame = FrameEncoder.encode(Frame.of(io.edgepublisher.wire.FrameHeader.builder().build(), "get x"));
        ByteBuffer.wrap(frame).putInt(43, 5000);
        EmbeddedChannel ch = channel(Duration.ofSeconds(30));
        ch.writeInbound(Unpooled.wrappedBuffer(frame));
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
        ch.checkException();
    }

    /**
     * A channel whose scheduler stands still until {@link #advance} moves it, together with the decoder's clock: the
     * idle checks run at exact points in time, whatever the machine's load.
     */
    private EmbeddedChannel frozenChannel(Duration idle, AtomicLong nanos) throws Exception {
        WireFrameDecoder decoder = new WireFrameDecoder(WireDecoderSettings.defaults().withIdleTimeout(idle)
                .withSinks(factory), nanos::get);
        EmbeddedChannel ch = new EmbeddedChannel(DefaultChannelId.newInstance(), false, false, decoder);
        ch.freezeTime();
        ch.register(); // active now: the decoder starts its idle timer at the frozen time
        return ch;
    }

    private static void advance(EmbeddedChannel ch, AtomicLong nanos, long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void idleGapBetweenFramesAbortsThePartialFile() throws Exception {
        List<Frame> frames = FileWriteMessage.of("a.json", 2, new byte[5000]).frames(SOURCE);
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = frozenChannel(Duration.ofMillis(100), nanos);
            ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(0))));
            advance(ch, nanos, 99);
            assertTrue(ch.isOpen(), "still within the timeout");
            assertFalse(sinks.get(0).aborted);
            advance(ch, nanos, 1);
            assertFalse(ch.isOpen(), "closed once the gap reached the timeout");
            assertTrue(sinks.get(0).aborted);
            assertFalse(sinks.get(0).completed);
            assertNull(ch.readInbound());
            ch.checkException();
            assertEquals(List.of("Dropped peer connection from embedded: no frame within 100 ms, after 1 frame(s)"),
                    log.lines());
        }
    }

    @Test
    void eachFrameRestartsTheIdleGap() throws Exception {
        List<Frame> frames = FileWriteMessage.of("a.json", 2, new byte[5000]).frames(SOURCE);
        AtomicLong nanos = new AtomicLong();
        EmbeddedChannel ch = frozenChannel(Duration.ofMillis(100), nanos);
        ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(0))));
        advance(ch, nanos, 60);
        ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(1))));
        advance(ch, nanos, 40); // the first check: 40 ms since the last frame
        assertTrue(ch.isOpen(), "the second frame restarted the gap");
        advance(ch, nanos, 59);
        assertTrue(ch.isOpen(), "99 ms since the last frame");
        advance(ch, nanos, 1);
        assertFalse(ch.isOpen(), "100 ms since the last frame");
        assertTrue(sinks.get(0).aborted);
        ch.checkException();
    }

    @Test
    void aConnectionThatSendsNoFrameIsDroppedAfterTheTimeout() throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = frozenChannel(Duration.ofMillis(100), nanos);
            advance(ch, nanos, 99);
            assertTrue(ch.isOpen());
            advance(ch, nanos, 1);
            assertFalse(ch.isOpen());
            ch.checkException();
            assertEquals(List.of("Dropped peer connection from embedded: no frame within 100 ms, after 0 frame(s)"),
                    log.lines());
        }
    }

    @Test
    void connectionsThatSendNothingCloseQuietly() {
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = channel(Duration.ofSeconds(30));
            assertFalse(ch.finish());
            ch.checkException();
            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void transportErrorsAreLoggedOnceAndNotPropagated() {
        List<Frame> frames = FileWriteMessage.of("a.json", 2, new byte[5000]).frames(SOURCE);
        try (LogCapture log = new LogCapture(WireFrameDecoder.class)) {
            EmbeddedChannel ch = channel(Duration.ofSeconds(30));
            ch.writeInbound(Unpooled.wrappedBuffer(FrameEncoder.encode(frames.get(0))));
            ch.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
            assertFalse(ch.isOpen());
            ch.finish();
            ch.checkException();
            assertTrue(sinks.get(0).aborted);
            assertEquals(List.of("Dropped peer connection from embedded: connection failed: "
                    + "java.io.IOException: Connection reset by peer"), log.lines());
        }
    }

    @Test
    void aFrameSplitAcrossReadsIsReassembled() {
        byte[] wire = bytes(PrintReply.text(RequestRef.NONE, "hello").frames(SOURCE));
        EmbeddedChannel ch = channel(Duration.ofSeconds(30));
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, 700));
        ch.writeInbound(Unpooled.wrappedBuffer(wire, 700, 2048 - 700));
        InboundMessage m = ch.readInbound();
        assertEquals("hello", m.text());
        assertEquals("10.0.0.7", m.sourceIp());
    }

    static final class MemorySink implements FileWriteSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean completed;
        boolean aborted;

        @Override
        public void append(ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            bytes.writeBytes(b);
        }

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public String toString() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
