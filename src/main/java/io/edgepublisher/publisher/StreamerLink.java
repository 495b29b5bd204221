package io.edgepublisher.publisher;

/**
 * What the publisher needs from the streamer (CONFIG.md §6.4 rule 5, PUBLISHER.md §2), as a node service that the
 * streamer capability registers. Until it exists the publisher skips the {@code write_immediate} check and does not
 * start the streamer; file discovery does not depend on it (watch events and rescans find every file).
 */
public interface StreamerLink {
    /** True when {@code write_immediate} is set for any buffer scope (the publisher then refuses to start: 235). */
    boolean writeImmediateSet();

    boolean streamerRunning();

    /** Starts the streamer with the current thresholds (the caller logs the warning). */
    void startStreamer();
}
