package io.edgepublisher.wire.netty;

import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.MessageAssembler;
import java.time.Duration;

/**
 * Settings of the per-connection {@link WireFrameDecoder}.
 *
 * @param idleTimeout     longest gap between frames (and before the first one) before the connection is dropped and
 *                        a partial file write aborted; PROTOCOL.md §8.1 says 30 s
 * @param maxMessageBytes limit of the joined payload of a non-file message
 * @param sinks           where incoming {@code file write}s go
 */
public record WireDecoderSettings(Duration idleTimeout, int maxMessageBytes, FileWriteSinkFactory sinks) {

    public WireDecoderSettings {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes must not be negative");
        }
        if (sinks == null) {
            sinks = FileWriteSinkFactory.rejectAll();
        }
    }

    /** EP_TCP_IDLE_TIMEOUT's default idle timeout, 1 MiB + 64 KiB messages, every file write refused with 294. */
    public static WireDecoderSettings defaults() {
        return new WireDecoderSettings(
                Duration.ofSeconds(io.edgepublisher.config.Defaults.seconds("EP_TCP_IDLE_TIMEOUT")), MessageAssembler.DEFAULT_MAX_MESSAGE_BYTES,
                FileWriteSinkFactory.rejectAll());
    }

    public WireDecoderSettings withIdleTimeout(Duration d) {
        return new WireDecoderSettings(d, maxMessageBytes, sinks);
    }

    public WireDecoderSettings withMaxMessageBytes(int max) {
        return new WireDecoderSettings(idleTimeout, max, sinks);
    }

    public WireDecoderSettings withSinks(FileWriteSinkFactory s) {
        return new WireDecoderSettings(idleTimeout, maxMessageBytes, s);
    }
}
