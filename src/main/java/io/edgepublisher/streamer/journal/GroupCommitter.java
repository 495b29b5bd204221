package io.edgepublisher.streamer.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code group:<ms>} commit: requests collect for at most {@code ms} milliseconds after the first one, then every
 * segment concerned gets one write+fsync and all their futures complete together, on this thread.
 */
final class GroupCommitter {
    private final long windowNanos;
    private final Thread thread;
    private final Object lock = new Object();
    private List<Request> pending = new ArrayList<>();
    private long firstNanos;
    private boolean closed;

    private record Request(JournalSegment segment, long pos, CompletableFuture<Void> done) {
    }

    GroupCommitter(long windowMillis) {
        this.windowNanos = windowMillis * 1_000_000L;
        // Private thread: one fsync loop per journal with its own wait/notify hand-off; a pool's task queue would add a
        // hand-off to every commit on the intake path, and the journal (plain Java, no Camel) closes it itself.
        this.thread = new Thread(this::run, "ep-journal-group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletableFuture<Void> submit(JournalSegment segment, long pos) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                f.completeExceptionally(new IOException("journal closed"));
                return f;
            }
            if (pending.isEmpty()) {
                firstNanos = System.nanoTime();
                lock.notifyAll();
            }
            pending.add(new Request(segment, pos, f));
        }
        return f;
    }

    private void run() {
        while (true) {
            List<Request> batch;
            synchronized (lock) {
                try {
                    while (pending.isEmpty() && !closed) {
                        lock.wait();
                    }
                    long wait;
                    while (!closed && (wait = firstNanos + windowNanos - System.nanoTime()) > 0) {
                        lock.wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                } catch (InterruptedException e) {
                    closed = true;
                }
                if (pending.isEmpty() && closed) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            commit(batch);
        }
    }

    private static void commit(List<Request> batch) {
        Map<JournalSegment, Long> upTo = new IdentityHashMap<>();
        for (Request r : batch) {
            upTo.merge(r.segment, r.pos, Math::max);
        }
        upTo.forEach((segment, pos) -> {
            try {
                segment.syncTo(pos);
            } catch (IOException e) {
                // the segment rolled back: each request learns its own outcome below
            }
        });
        for (Request r : batch) {
            try {
                r.segment.check(r.pos);
                r.done.complete(null);
            } catch (IOException e) {
                r.done.completeExceptionally(e);
            }
        }
    }

    /** Commits what is pending, then stops. */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
