package io.edgepublisher.intake.client.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages received by a paho session, handed from paho's callback thread to the client's own intake thread.
 *
 * <p>Why: paho's callback thread takes messages from its receiving thread through a queue of 10; while our callback
 * maps and stores one message, the receiver stops reading the socket as soon as 10 more are waiting, and each
 * hand-over costs a wake-up of both threads. Under a flood of small QoS 0 messages the receiver spent its time waiting
 * and Mosquitto dropped what overflowed its queue for the client. Here the callback only queues the message; the intake
 * thread takes everything waiting at once (a poll) and stores it in arrival order. The queue is bounded: when it is
 * full the callback waits, and the broker holds back, as before.
 */
final class InboundQueue<T> {
    private static final Logger LOG = LoggerFactory.getLogger(InboundQueue.class);
    /** Messages waiting at most; with 1 KB messages about 16 MB. */
    static final int CAPACITY = 16_384;
    /** Messages taken per poll. */
    static final int POLL = 1024;

    private final ArrayBlockingQueue<T> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService thread;
    private final Consumer<List<T>> store;
    private final String name;

    /**
     * @param thread the single thread that stores messages
     * @param store stores one poll of messages, in order
     */
    InboundQueue(String name, ExecutorService thread, Consumer<List<T>> store) {
        this.name = name;
        this.thread = thread;
        this.store = store;
    }

    /** Queues a message (waits while the queue is full) and makes sure the intake thread runs. */
    void add(T message) throws InterruptedException {
        queue.put(message);
        if (draining.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        List<T> poll = new ArrayList<>(Math.min(POLL, CAPACITY));
        while (true) {
            queue.drainTo(poll, POLL);
            if (poll.isEmpty()) {
                draining.set(false);
                // a message queued after drainTo but before the flag was cleared found it still set: take it now
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                store.accept(poll);
            } catch (RuntimeException e) {
                LOG.error("{}: messages could not be handed to intake", name, e);
            }
            poll.clear();
        }
    }

    /** Messages waiting. */
    int size() {
        return queue.size();
    }
}
