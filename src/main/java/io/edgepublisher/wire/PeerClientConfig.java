package io.edgepublisher.wire;

import java.time.Duration;

/**
 * Socket settings and retry rules of {@link PeerClient} (PROTOCOL.md §9.1, §9.2). {@link #defaults()} has the
 * protocol's values; the {@code with…} methods exist mainly so tests can shorten the waits.
 *
 * @param connectTimeout  6 s
 * @param writeTimeout    10 s per frame
 * @param closeWait       30 s for the peer's end-of-stream after our output is shut down
 * @param sendBufferSize  40,960 bytes (20 frames)
 * @param commandRetry    3 attempts 6 s apart
 * @param replyRetry      3 attempts 1 s apart
 */
public record PeerClientConfig(Duration connectTimeout, Duration writeTimeout, Duration closeWait, int sendBufferSize,
                               RetryPolicy commandRetry, RetryPolicy replyRetry) {

    public PeerClientConfig {
        requirePositive("connect timeout", connectTimeout);
        requirePositive("write timeout", writeTimeout);
        requirePositive("close wait", closeWait);
        if (sendBufferSize < FrameLayout.FRAME_SIZE) {
            throw new IllegalArgumentException("send buffer smaller than one frame: " + sendBufferSize);
        }
        if (commandRetry == null || replyRetry == null) {
            throw new IllegalArgumentException("retry policies are required");
        }
    }

    public static PeerClientConfig defaults() {
        return new PeerClientConfig(Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(30), 40_960,
                new RetryPolicy(3, Duration.ofSeconds(6)), new RetryPolicy(3, Duration.ofSeconds(1)));
    }

    public PeerClientConfig withConnectTimeout(Duration d) {
        return new PeerClientConfig(d, writeTimeout, closeWait, sendBufferSize, commandRetry, replyRetry);
    }

    public PeerClientConfig withWriteTimeout(Duration d) {
        return new PeerClientConfig(connectTimeout, d, closeWait, sendBufferSize, commandRetry, replyRetry);
    }

    public PeerClientConfig withCloseWait(Duration d) {
        return new PeerClientConfig(connectTimeout, writeTimeout, d, sendBufferSize, commandRetry, replyRetry);
    }

    public PeerClientConfig withCommandRetry(RetryPolicy p) {
        return new PeerClientConfig(connectTimeout, writeTimeout, closeWait, sendBufferSize, p, replyRetry);
    }

    public PeerClientConfig withReplyRetry(RetryPolicy p) {
        return new PeerClientConfig(connectTimeout, writeTimeout, closeWait, sendBufferSize, commandRetry, p);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
