package io.edgepublisher.wire;

import io.edgepublisher.wire.server.ReplySender;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The TCP protocol's Camel wiring: the reply senders as a Camel service (profiles {@code ep-wire-reply},
 * {@code ep-wire-reply-retry}) and the {@code run client} senders (profile {@code ep-wire-client}: up to
 * {@value #MAX_SENDERS} threads, no queue, the caller sends itself when all are busy). The pools stop with the
 * context.
 */
public final class WireConfiguration implements CamelConfiguration {
    /** The {@code run client} send pool. */
    public static final String CLIENT_POOL = "ep-wire-client";
    /** Concurrent {@code run client} sends; more run in the calling thread. */
    static final int MAX_SENDERS = 32;

    private final ReplySender replies;
    private volatile ExecutorService senders;

    WireConfiguration(ReplySender replies) {
        this.replies = replies;
    }

    /** Runs {@code run client} sends on the Camel pool; before the context started, on the caller's thread. */
    Executor clientSenders() {
        return task -> {
            ExecutorService s = senders;
            if (s == null || s.isShutdown()) {
                task.run();
            } else {
                s.execute(task);
            }
        };
    }

    @Override
    public void configure(CamelContext ctx) throws Exception {
        ExecutorServiceManager m = ctx.getExecutorServiceManager();
        m.registerThreadPoolProfile(new ThreadPoolProfileBuilder(CLIENT_POOL).poolSize(1).maxPoolSize(MAX_SENDERS)
            .keepAliveTime(60L, TimeUnit.SECONDS).allowCoreThreadTimeOut(true).maxQueueSize(0)
            .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
        senders = m.newThreadPool(this, CLIENT_POOL, CLIENT_POOL);
        ReplySender.register(m);
        ctx.addService(replies, true, true);
    }
}
