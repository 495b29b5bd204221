package io.edgepublisher.wire.netty;

import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.WireProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one peer-protocol message per connection (PROTOCOL.md §2): accumulates 2048-byte frames, assembles them with
 * a {@link MessageAssembler}, passes exactly one {@link InboundMessage} downstream and closes the connection.
 *
 * <p>Any violation (bad lengths, non-UTF-8 command, wrong block number, a truncated frame or missing last block at
 * end of stream, an idle gap longer than the timeout) is logged as one line, aborts a partial file write and closes
 * the connection without a reply. Nothing is thrown downstream. One instance per channel: create it through
 * {@link WireDecoderFactory}.
 */
public final class WireFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(WireFrameDecoder.class);

    private final WireDecoderSettings settings;
    private final LongSupplier nanoTime;
    private final FrameDecoder frames = new FrameDecoder();
    private MessageAssembler assembler;
    private SocketAddress peer;
    private boolean done;
    private long lastFrameNanos;
    private ScheduledFuture<?> idleCheck;

    public WireFrameDecoder(WireDecoderSettings settings) {
        this(settings, System::nanoTime);
    }

    /**
     * @param nanoTime the clock of the idle gaps; tests pass one that moves with their channel's scheduler (the
     *                 channel's own clock is not public)
     */
    WireFrameDecoder(WireDecoderSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        start(ctx);
        try {
            while (in.readableBytes() >= FrameLayout.FRAME_SIZE) {
                // A view, not a copy: the assembler uses the payload before this method returns.
                InboundMessage message = assembler.accept(frames.decode(in.nioBuffer(in.readerIndex(),
                        FrameLayout.FRAME_SIZE)));
                in.skipBytes(FrameLayout.FRAME_SIZE);
                lastFrameNanos = nanoTime.getAsLong();
                if (message != null) {
                    finish();
                    in.skipBytes(in.readableBytes());
                    out.add(message);
                    // Close once the message has gone downstream: the sender takes our orderly close as the sign
                    // that the last block was handled (PUBLISHER.md §5.4).
                    ctx.executor().execute(ctx::close);
                    return;
                }
            }
        } catch (WireProtocolException e) {
            drop(ctx, in, e.getMessage());
        } catch (RuntimeException e) {
            drop(ctx, in, "unexpected failure: " + e);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!done) {
            decode(ctx, in, out);
        }
        if (!done) {
            int partial = in.readableBytes();
            long received = assembler == null ? 0 : assembler.frames();
            if (partial > 0) {
                drop(ctx, in, "truncated frame at end of stream: " + partial + " of 2048 bytes after " + received
                        + " frame(s)");
            } else if (received > 0) {
                drop(ctx, in, "connection ended before the last block, after " + received + " frame(s)");
            } else {
                finish(); // connected and closed without sending anything: nothing to report
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (done) {
            ctx.close();
        } else {
            drop(ctx, null, "connection failed: " + cause);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (!done) {
            finish();
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (assembler != null) {
            return;
        }
        peer = ctx.channel().remoteAddress();
        assembler = new MessageAssembler(peer instanceof InetSocketAddress ? (InetSocketAddress) peer : null,
                settings.sinks(), settings.maxMessageBytes());
        lastFrameNanos = nanoTime.getAsLong();
        scheduleIdleCheck(ctx, settings.idleTimeout().toNanos());
    }

    private void scheduleIdleCheck(ChannelHandlerContext ctx, long delayNanos) {
        idleCheck = ctx.executor().schedule(() -> checkIdle(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle(ChannelHandlerContext ctx) {
        if (done) {
            return;
        }
        long timeout = settings.idleTimeout().toNanos();
        long idle = nanoTime.getAsLong() - lastFrameNanos;
        if (idle >= timeout) {
            drop(ctx, null, "no frame within " + settings.idleTimeout().toMillis() + " ms, after "
                    + assembler.frames() + " frame(s)");
        } else {
            scheduleIdleCheck(ctx, timeout - idle);
        }
    }

    /** Ends this connection's message handling: aborts a partial message and stops the idle timer. */
    private void finish() {
        done = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (assembler != null) {
            assembler.abort();
        }
    }

    private void drop(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        finish();
        if (in != null) {
            in.skipBytes(in.readableBytes());
        }
        LOG.warn("Dropped peer connection from {}: {}", peer, reason);
        ctx.close();
    }
}
