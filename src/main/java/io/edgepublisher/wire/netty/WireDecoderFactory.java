package io.edgepublisher.wire.netty;

import io.edgepublisher.wire.FileWriteSinkFactory;
import io.netty.channel.ChannelHandler;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/**
 * Makes a new {@link WireFrameDecoder} for every connection of a camel-netty TCP consumer. Bind it in the registry
 * and name it in the endpoint; each exchange body is then one {@link io.edgepublisher.wire.InboundMessage}:
 *
 * <pre>{@code
 * context.getRegistry().bind("wireDecoders", new WireDecoderFactory(sinks));
 * from("netty:tcp://0.0.0.0:32248?decoders=#wireDecoders&allowDefaultCodec=false&sync=false")
 * }</pre>
 *
 * <p>{@code sync=false} because peers never expect an answer on the request's connection (§6.1); the decoder closes
 * each connection itself once its message is complete.
 */
public final class WireDecoderFactory extends DefaultChannelHandlerFactory {
    private final WireDecoderSettings settings;

    /** Default settings: 30 s idle timeout, file writes refused. */
    public WireDecoderFactory() {
        this(WireDecoderSettings.defaults());
    }

    /** Default settings with file writes going to {@code sinks}. */
    public WireDecoderFactory(FileWriteSinkFactory sinks) {
        this(WireDecoderSettings.defaults().withSinks(sinks));
    }

    public WireDecoderFactory(WireDecoderSettings settings) {
        this.settings = settings;
    }

    public WireDecoderSettings settings() {
        return settings;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new WireFrameDecoder(settings);
    }
}
