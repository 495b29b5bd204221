package io.edgepublisher.streamer;

/**
 * Flush thresholds of a buffer (INTAKE.md §5.2): flush when {@code timeSeconds} have passed since the buffer opened,
 * or when its UTF-8 size exceeds {@code volumeBytes}.
 */
public record Thresholds(long timeSeconds, long volumeBytes) {
    /** Engine defaults: 60 seconds, 10,000 bytes (the deployment usually sets 10KB = 10,240). */
    public static final Thresholds ENGINE_DEFAULTS = new Thresholds(60, 10_000);

    public Thresholds {
        if (timeSeconds < 0 || volumeBytes < 0) {
            throw new IllegalArgumentException("negative threshold");
        }
    }
}
