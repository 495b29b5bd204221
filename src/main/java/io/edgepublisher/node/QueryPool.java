package io.edgepublisher.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The pool that executes commands received from peers and REST {@code destination} jobs ({@code set query pool}),
 * so that they never run on I/O threads. Its threads come from the {@code ep-node-query} profile of Camel's
 * {@link ExecutorServiceManager} once the context is configured (this class is the node's configuration for it), and
 * stop with the context. The size set before that is kept.
 */
public final class QueryPool implements CamelConfiguration {
    /** The profile name. */
    public static final String POOL = "ep-node-query";

    private volatile int size;
    private volatile ExecutorService executor;

    public QueryPool(int size) {
        this.size = size;
    }

    @Override
    public void configure(CamelContext ctx) {
        ExecutorServiceManager m = ctx.getExecutorServiceManager();
        if (m.getThreadPoolProfile(POOL) == null) {
            m.registerThreadPoolProfile(new ThreadPoolProfileBuilder(POOL).poolSize(size).maxPoolSize(size)
                .maxQueueSize(Integer.MAX_VALUE).build());
        }
        executor = m.newThreadPool(this, POOL, POOL);
    }

    public synchronized void resize(int size) {
        this.size = size;
        if (executor instanceof ThreadPoolExecutor tp) {
            if (size > tp.getMaximumPoolSize()) {
                tp.setMaximumPoolSize(size);
                tp.setCorePoolSize(size);
            } else {
                tp.setCorePoolSize(size);
                tp.setMaximumPoolSize(size);
            }
        }
    }

    public int size() {
        return size;
    }

    /** Runs {@code task} on the pool; before the context is configured (nodes without Camel), on the caller. */
    public void submit(Runnable task) {
        ExecutorService e = executor;
        if (e == null) {
            task.run();
        } else {
            e.execute(task);
        }
    }
}
