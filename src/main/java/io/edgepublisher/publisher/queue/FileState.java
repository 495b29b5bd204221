package io.edgepublisher.publisher.queue;

/** Where a queued file is in its lifecycle (PUBLISHER.md §1 "Lifecycle of a file at a glance"). */
public enum FileState {
    /** Its {@code tsd_info} row is being looked up / inserted (§3.4). */
    REGISTERING,
    /** Ready to be routed and claimed. */
    READY,
    /** Waiting for its next attempt (§5.5) or for a destination's cooldown to end. */
    BACKOFF,
    /** No destination (§4.4). */
    WAITING_ROUTE,
    /** Routed; its {@code sending} row is being written or waits for a free transfer slot. */
    CLAIMED,
    /** Frames are being written. */
    SENDING,
    /** Transfer complete; {@code sent} written and {@code ack_wait} running (§5.4). */
    SENT,
    /** Accepted; its {@code delivered} row is being written. */
    DELIVERING,
    /** Being deleted / archived / moved (§7). */
    DISPOSING,
    /** Left the queue. */
    DONE
}
