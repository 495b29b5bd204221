package io.edgepublisher.node;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that executes commands received from peers and REST {@code destination} jobs ({@code set query pool}),
 * so that they never run on I/O threads.
 */
public final class QueryPool {
    private final ThreadPoolExecutor executor;

    public QueryPool(int size) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "query-pool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void resize(int size) {
        if (size > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(size);
            executor.setCorePoolSize(size);
        } else {
            executor.setCorePoolSize(size);
            executor.setMaximumPoolSize(size);
        }
    }

    public int size() {
        return executor.getMaximumPoolSize();
    }

    public void submit(Runnable task) {
        executor.execute(task);
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
