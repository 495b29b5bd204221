package io.edgepublisher.intake.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one message client or one of its topics ({@code get msg client}): messages received, mapped,
 * failed, duplicates skipped, and the time and text of the last message and the last error.
 */
public final class ClientStats {
    private final LongAdder received = new LongAdder();
    private final LongAdder mapped = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final AtomicLong lastMessageMs = new AtomicLong();
    private volatile long lastErrorMs;
    private volatile String lastError = "";

    public void received(int messages, long nowMs) {
        received.add(messages);
        if (lastMessageMs.get() < nowMs) {
            lastMessageMs.set(nowMs);
        }
    }

    public void mapped(int messages) {
        mapped.add(messages);
    }

    public void error(int messages, String detail, long nowMs) {
        errors.add(messages);
        lastErrorMs = nowMs;
        lastError = detail == null ? "" : detail;
    }

    /** A redelivered message that was already journaled and is therefore skipped. */
    public void duplicate() {
        duplicates.increment();
    }

    public long received() {
        return received.sum();
    }

    public long mapped() {
        return mapped.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long lastMessageMs() {
        return lastMessageMs.get();
    }

    public long lastErrorMs() {
        return lastErrorMs;
    }

    public String lastError() {
        return lastError;
    }
}
