package io.edgepublisher.node;

import io.edgepublisher.support.DaemonThreads;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool that executes commands received from peers and REST {@code destination} jobs ({@code set query pool}),
 * so that they never run on I/O threads.
 */
public final class QueryPool {
    private final ThreadPoolExecutor executor;

    public QueryPool(int size) {
        executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            DaemonThreads.named("query-pool"));
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
