package io.edgepublisher.wire;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names of large-message transfers, {@code cmd.<ip>.<k>.lmsg} with k cycling 1–100 (PROTOCOL.md §7.6).
 *
 * <p>The counter is process-wide like EdgeLake's, so concurrent senders in one node never reuse a name sooner than
 * necessary.
 */
public final class LargeMessageNames {
    /** k runs 1..MAX_ID and then starts again at 1. */
    public static final int MAX_ID = 100;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private LargeMessageNames() {
    }

    /** The next name for a node identified by {@code ip} (its external IP, else its internal one). */
    public static String next(String ip) {
        int k = COUNTER.updateAndGet(v -> v >= MAX_ID ? 1 : v + 1);
        return "cmd." + ip + "." + k + ".lmsg";
    }
}
