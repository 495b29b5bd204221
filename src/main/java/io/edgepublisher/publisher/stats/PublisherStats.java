package io.edgepublisher.publisher.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters since {@code run publisher} (PUBLISHER.md §10): per (dbms, table, destination) accepted files, their rows
 * and bytes, errors (failed attempts and error-dir moves; moves without a destination count under {@code local}),
 * and the latest error text; totals; and the baseline of {@code get publisher summary}'s "new" counts. Thread-safe.
 */
public final class PublisherStats {
    public static final String LOCAL = "local";

    /** Counters of one (dbms, table, destination). */
    public record Row(String dbms, String table, String dest, long files, long rows, long bytes, long errors,
                      String lastError) {
    }

    private static final class Counter {
        long files;
        long rows;
        long bytes;
        long errors;
        String lastError = "";
    }

    private final Map<String, Map<String, Map<String, Counter>>> counters = new TreeMap<>();
    private final long startedMillis;
    private long totalFiles;
    private long totalRows;
    private long totalBytes;
    private long totalErrors;
    private long summaryFiles;
    private long summaryErrors;
    private long summaryAt;

    public PublisherStats(long startedMillis) {
        this.startedMillis = startedMillis;
        this.summaryAt = startedMillis;
    }

    public long startedMillis() {
        return startedMillis;
    }

    private Counter counter(String dbms, String table, String dest) {
        return counters.computeIfAbsent(dbms, k -> new TreeMap<>()).computeIfAbsent(table, k -> new TreeMap<>())
            .computeIfAbsent(dest, k -> new Counter());
    }

    public synchronized void delivered(String dbms, String table, String dest, long rows, long bytes) {
        Counter c = counter(dbms, table, dest);
        c.files++;
        c.rows += rows;
        c.bytes += bytes;
        totalFiles++;
        totalRows += rows;
        totalBytes += bytes;
    }

    /** A failed attempt or an error-dir move ({@code dest} null counts under {@code local}). */
    public synchronized void error(String dbms, String table, String dest, String text) {
        Counter c = counter(dbms, table, dest == null ? LOCAL : dest);
        c.errors++;
        c.lastError = text == null ? "" : text;
        totalErrors++;
    }

    public synchronized List<Row> rows() {
        List<Row> out = new ArrayList<>();
        counters.forEach((d, tables) -> tables.forEach((t, dests) -> dests.forEach((dest, c) ->
            out.add(new Row(d, t, dest, c.files, c.rows, c.bytes, c.errors, c.lastError)))));
        return out;
    }

    public synchronized long totalFiles() {
        return totalFiles;
    }

    public synchronized long totalRows() {
        return totalRows;
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    public synchronized long totalErrors() {
        return totalErrors;
    }

    /** What {@code get publisher summary} shows; advances the "new" baseline. */
    public record Summary(long previousCallMillis, long newFiles, long totalFiles, long newErrors, long totalErrors) {
    }

    public synchronized Summary summary(long now) {
        Summary s = new Summary(summaryAt, totalFiles - summaryFiles, totalFiles, totalErrors - summaryErrors,
            totalErrors);
        summaryAt = now;
        summaryFiles = totalFiles;
        summaryErrors = totalErrors;
        return s;
    }
}
