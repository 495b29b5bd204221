package io.edgepublisher.streamer;

/**
 * One {@code get streaming} row (COMMANDS.md §4.25, INTAKE.md §5.5) as plain data; the command layer formats it.
 * When a table has several buffers (sources), {@code cachedRows} is their sum, {@code bufferFillPercent} the fullest
 * one and {@code timeLeftSeconds} the soonest; with no open buffer the fill is 0 and the time left is the threshold.
 *
 * @param lastProcessMs epoch ms of the last data for the table, 0 when none
 */
public record TableStatistics(String dbmsTable, long putFiles, long putRows, long streamingCalls, long streamingRows,
        long cachedRows, long thresholdVolumeBytes, double bufferFillPercent, long thresholdTimeSeconds,
        long timeLeftSeconds, long lastProcessMs) {
}
