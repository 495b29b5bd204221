package io.edgepublisher.publisher.queue;

/**
 * Observes a file's milestones (benchmarks, tests). Called on the queue's thread; must return at once. Latencies are
 * nanoseconds since the queue first saw the file.
 */
public interface QueueEvents {
    QueueEvents NONE = new QueueEvents() {
    };

    default void registered(String name, long nanos) {
    }

    default void transferred(String name, String dest, long nanos) {
    }

    default void delivered(String name, String dest, long nanos) {
    }

    default void errored(String name, int code) {
    }

    /** A file was accepted by {@code dest}: its size, and the time since the queue first saw it. */
    default void accepted(String dest, long bytes, long nanos) {
    }

    /** A delivery attempt to {@code dest} failed. */
    default void attemptFailed(String dest) {
    }

    /** After a failed attempt, another attempt is scheduled (not when the retry limit sent the file to the error dir). */
    default void retryScheduled() {
    }

    /** Both observers, in order. */
    static QueueEvents both(QueueEvents a, QueueEvents b) {
        return new QueueEvents() {
            @Override
            public void registered(String name, long nanos) {
                a.registered(name, nanos);
                b.registered(name, nanos);
            }

            @Override
            public void transferred(String name, String dest, long nanos) {
                a.transferred(name, dest, nanos);
                b.transferred(name, dest, nanos);
            }

            @Override
            public void delivered(String name, String dest, long nanos) {
                a.delivered(name, dest, nanos);
                b.delivered(name, dest, nanos);
            }

            @Override
            public void errored(String name, int code) {
                a.errored(name, code);
                b.errored(name, code);
            }

            @Override
            public void accepted(String dest, long bytes, long nanos) {
                a.accepted(dest, bytes, nanos);
                b.accepted(dest, bytes, nanos);
            }

            @Override
            public void attemptFailed(String dest) {
                a.attemptFailed(dest);
                b.attemptFailed(dest);
            }

            @Override
            public void retryScheduled() {
                a.retryScheduled();
                b.retryScheduled();
            }
        };
    }
}
