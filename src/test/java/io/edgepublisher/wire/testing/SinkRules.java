package io.edgepublisher.wire.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** The failure behaviours an {@link OperatorSink} is currently told to show. Thread-safe. */
final class SinkRules {
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile int dropAfterFrames;

    void reject(Predicate<String> names, int errorCode, String reason) {
        rejections.add(new Rejection(names, errorCode, reason));
    }

    void acceptAll() {
        rejections.clear();
    }

    void drop(int count, int afterFrames) {
        dropAfterFrames = afterFrames;
        drops.set(count);
    }

    /** The first rule refusing {@code name}, or null. */
    Rejection rejectionFor(String name) {
        for (Rejection r : rejections) {
            if (r.names().test(name)) {
                return r;
            }
        }
        return null;
    }

    /** For a new connection: the frame count after which to reset it, or -1 to serve it normally. */
    int takeDrop() {
        return drops.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0 ? dropAfterFrames : -1;
    }

    /** Files whose name matches are refused with this code and reason. */
    record Rejection(Predicate<String> names, int errorCode, String reason) {
    }
}
