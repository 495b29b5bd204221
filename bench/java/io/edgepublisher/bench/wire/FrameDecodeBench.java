package io.edgepublisher.bench.wire;

import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.FileWriteMessage;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.Frame;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameEncoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.netty.WireDecoderSettings;
import io.edgepublisher.wire.netty.WireFrameDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame decoding on the receive path: one header + command ({@link FrameDecoder}), a one-frame command assembled
 * into an {@link InboundMessage}, a 1 MiB {@code file write} (591 frames) assembled into a discarding sink, and the
 * same 1 MiB through the netty {@link WireFrameDecoder} in an {@link EmbeddedChannel}. Throughput is in operations
 * per second; for the 1 MiB cases an operation is the whole file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameDecodeBench {
    private static final PeerAddress SOURCE = new PeerAddress("10.0.0.5", 32248);
    private static final FileWriteSink DISCARD = new FileWriteSink() {
        @Override
        public void append(ByteBuffer payload) {
            payload.position(payload.limit());
        }

        @Override
        public void complete() {
        }

        @Override
        public void abort() {
        }
    };

    private final FrameDecoder decoder = new FrameDecoder();
    private ByteBuffer commandFrame;
    private byte[] fileFrames;
    private WireDecoderSettings nettySettings;

    @Setup
    public void setUp() {
        commandFrame = ByteBuffer.wrap(FrameEncoder.encode(
            CommandRequest.of("get status").job(3, 777).build().frames(SOURCE).get(0)));
        byte[] content = new byte[1 << 20];
        new Random(1).nextBytes(content);
        List<Frame> frames = FileWriteMessage.of("mydb.sensor.0.d9536253788691682ba42126b33686fe.0.json", 1, content)
            .frames(SOURCE);
        fileFrames = new byte[frames.size() * FrameLayout.FRAME_SIZE];
        for (int i = 0; i < frames.size(); i++) {
            FrameEncoder.encode(frames.get(i), fileFrames, i * FrameLayout.FRAME_SIZE);
        }
        nettySettings = WireDecoderSettings.defaults().withSinks(start -> DISCARD);
    }

    @Benchmark
    public Frame decodeOneFrame() throws Exception {
        return decoder.decode(commandFrame.duplicate());
    }

    @Benchmark
    public InboundMessage assembleOneFrameCommand() throws Exception {
        return new MessageAssembler(null, null).accept(decoder.decode(commandFrame.duplicate()));
    }

    @Benchmark
    public InboundMessage assemble1MiBFileWrite() throws Exception {
        MessageAssembler a = new MessageAssembler(null, start -> DISCARD);
        InboundMessage m = null;
        for (int off = 0; off < fileFrames.length; off += FrameLayout.FRAME_SIZE) {
            m = a.accept(decoder.decode(fileFrames, off));
        }
        return m;
    }

    @Benchmark
    public Object netty1MiBFileWrite() {
        EmbeddedChannel ch = new EmbeddedChannel(new WireFrameDecoder(nettySettings));
        // arrives in 64 KiB reads, as from a socket
        for (int off = 0; off < fileFrames.length; off += 65536) {
            ch.writeInbound(Unpooled.wrappedBuffer(fileFrames, off, Math.min(65536, fileFrames.length - off)));
        }
        Object m = ch.readInbound();
        ch.finishAndReleaseAll();
        return m;
    }
}
