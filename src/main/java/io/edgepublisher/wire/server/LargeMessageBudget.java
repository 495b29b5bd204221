package io.edgepublisher.wire.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of large messages that may lie in {@code !tmp_dir} at once, counting transfers still arriving and
 * commands waiting for the query pool, over all connections. Each message is at most 1 MiB, but connections are not
 * limited in number: without a shared budget, many slow peers together could still fill the disk.
 */
final class LargeMessageBudget {
    /** Sixteen large messages of the largest size. */
    static final long DEFAULT_BYTES = 16L << 20;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    LargeMessageBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes; false (and nothing taken) when that would exceed the budget. */
    boolean reserve(long n) {
        long now;
        do {
            now = used.get();
            if (now + n > limit) {
                return false;
            }
        } while (!used.compareAndSet(now, now + n));
        return true;
    }

    void release(long n) {
        used.addAndGet(-n);
    }

    long limit() {
        return limit;
    }

    /** Bytes taken now (tests, diagnostics). */
    long used() {
        return used.get();
    }
}
