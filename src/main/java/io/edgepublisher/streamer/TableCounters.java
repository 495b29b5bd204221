package io.edgepublisher.streamer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Cumulative counters of one {@code dbms.table} since start (INTAKE.md §5.5). */
final class TableCounters {
    final LongAdder putFiles = new LongAdder();
    final LongAdder putRows = new LongAdder();
    final LongAdder streamingCalls = new LongAdder();
    final LongAdder streamingRows = new LongAdder();
    final AtomicLong lastProcessMs = new AtomicLong();

    void streamed(int rows, long nowMs) {
        streamingCalls.increment();
        streamingRows.add(rows);
        touched(nowMs);
    }

    /** A streamed batch whose journal write failed: its sender was told it is not stored, so it does not count. */
    void unstreamed(int rows) {
        streamingCalls.decrement();
        streamingRows.add(-rows);
    }

    void putFile(int rows, long nowMs) {
        putFiles.increment();
        putRows.add(rows);
        touched(nowMs);
    }

    private void touched(long nowMs) {
        if (lastProcessMs.get() < nowMs) { // avoid a contended CAS when many appends share a millisecond
            lastProcessMs.accumulateAndGet(nowMs, Math::max);
        }
    }
}
