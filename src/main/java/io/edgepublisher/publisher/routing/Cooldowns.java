package io.edgepublisher.publisher.routing;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-destination delivery cooldown (PUBLISHER.md §5.5): after the k-th consecutive connection failure a destination
 * is skipped for {@code min(retry_max, retry_min × 2^(k−1))}; a successful connection resets k. In memory only
 * (§9 item 4). Thread-safe.
 */
public final class Cooldowns {
    private record State(int failures, long until) {
    }

    private final Map<String, State> states = new HashMap<>();
    private final Duration min;
    private final Duration max;

    public Cooldowns(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    /** Records a connection failure at {@code now}; returns the end of the cooldown. */
    public synchronized long connectionFailed(String dest, long now) {
        State s = states.get(dest);
        int k = s == null ? 1 : s.failures + 1;
        long until = now + Backoff.delay(min, max, k);
        states.put(dest, new State(k, until));
        return until;
    }

    public synchronized void connected(String dest) {
        states.remove(dest);
    }

    public synchronized boolean inCooldown(String dest, long now) {
        State s = states.get(dest);
        return s != null && s.until > now;
    }

    /** The earliest cooldown end among {@code dests} that are in cooldown, or {@code now} when none is. */
    public synchronized long earliestEnd(Collection<String> dests, long now) {
        long best = Long.MAX_VALUE;
        for (String d : dests) {
            State s = states.get(d);
            if (s == null || s.until <= now) {
                return now;
            }
            best = Math.min(best, s.until);
        }
        return best == Long.MAX_VALUE ? now : best;
    }
}
