package io.edgepublisher.publisher.routing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The delays of PUBLISHER.md §5.5: {@code d = min(retry_max, retry_min × 2^(n−1))}, jittered by U(0.5, 1.0). */
public final class Backoff {
    private Backoff() {
    }

    /** {@code min(max, min × 2^(n−1))} in milliseconds, for n ≥ 1. */
    public static long delay(Duration min, Duration max, int n) {
        long base = min.toMillis();
        long cap = max.toMillis();
        int shift = Math.max(0, Math.min(n - 1, 40));
        long d = base << shift;
        return (d < 0 || d > cap || (shift > 0 && (d >> shift) != base)) ? cap : d;
    }

    /** The jittered delay of the n-th consecutive failure of a file. */
    public static long jittered(Duration min, Duration max, int n) {
        double u = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Math.max(1, (long) (delay(min, max, n) * u));
    }
}
