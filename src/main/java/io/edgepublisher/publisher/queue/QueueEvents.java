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
}
