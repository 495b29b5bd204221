package io.edgepublisher.wire;

import java.time.Duration;

/**
 * Connection attempts for one message (PROTOCOL.md §9.2). Only attempts that fail before any frame was written are
 * repeated, so a peer never receives a message twice.
 *
 * @param attempts at least 1
 * @param delay    pause between attempts
 */
public record RetryPolicy(int attempts, Duration delay) {
    /** One attempt: data file deliveries, whose retries the publisher's backoff governs. */
    public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }
}
