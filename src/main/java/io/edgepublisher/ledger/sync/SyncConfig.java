package io.edgepublisher.ledger.sync;

/**
 * A running synchroniser's settings (COMMANDS.md §4.9).
 *
 * @param master          the master's {@code ip:port} (the {@code connection})
 * @param intervalSeconds the sync interval, at least 1
 */
public record SyncConfig(String master, long intervalSeconds) {
    public SyncConfig {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("sync interval below 1 second: " + intervalSeconds);
        }
    }

    /** How long a start or a forced sync waits for the ledger file: min(10 s, interval). */
    public long waitMillis() {
        return Math.min(10_000L, intervalSeconds * 1000L);
    }
}
