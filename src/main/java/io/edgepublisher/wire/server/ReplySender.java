package io.edgepublisher.wire.server;

import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.RetryPolicy;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferResult;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.service.ServiceSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code print}/{@code echo} replies on new connections (PROTOCOL.md §6.1), up to 3 attempts 1 s apart (§9.2).
 *
 * <p>A retry is scheduled, not slept, so peers that name an unreachable reply address cannot tie up the senders,
 * and the queue is bounded: a reply that finds it full is logged and dropped, as is one that fails 3 times. Peers
 * never depend on a reply arriving (they time out), so dropping is the safe end for overload.
 */
public final class ReplySender extends ServiceSupport implements ReplyChannel, CamelContextAware {
    /** The senders: {@value #THREADS} threads, a queue of {@value #QUEUE}; a full queue drops the reply. */
    public static final String POOL = "ep-wire-reply";
    /** The one thread that schedules retries. */
    public static final String RETRY_POOL = "ep-wire-reply-retry";
    private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);
    static final int ATTEMPTS = 3;
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    static final int THREADS = 4;
    static final int QUEUE = 1024;

    private final PeerClient client;
    private final Supplier<SourceAddress> ours;
    private CamelContext camel;
    private volatile ExecutorService workers;
    private volatile ScheduledExecutorService retries;
    private final AtomicInteger dropped = new AtomicInteger();

    /**
     * @param client the node's peer client
     * @param ours   this node's current addresses (null while the TCP server is not running)
     */
    public ReplySender(PeerClient client, Supplier<SourceAddress> ours) {
        this.client = client;
        this.ours = ours;
    }

    /** Registers the two thread pool profiles (once per context). */
    public static void register(ExecutorServiceManager m) {
        if (m.getThreadPoolProfile(POOL) == null) {
            m.registerThreadPoolProfile(new ThreadPoolProfileBuilder(POOL).poolSize(THREADS).maxPoolSize(THREADS)
                .keepAliveTime(60L, TimeUnit.SECONDS).allowCoreThreadTimeOut(true).maxQueueSize(QUEUE)
                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
            m.registerThreadPoolProfile(new ThreadPoolProfileBuilder(RETRY_POOL).poolSize(1).maxPoolSize(1).build());
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    protected void doStart() {
        ExecutorServiceManager m = camel.getExecutorServiceManager();
        register(m);
        workers = m.newThreadPool(this, POOL, POOL);
        retries = m.newScheduledThreadPool(this, RETRY_POOL, RETRY_POOL);
    }

    @Override
    protected void doStop() {
        ExecutorService w = workers;
        ScheduledExecutorService r = retries;
        workers = null;
        retries = null;
        if (r != null) {
            camel.getExecutorServiceManager().shutdownNow(r);
        }
        if (w != null) {
            camel.getExecutorServiceManager().shutdownNow(w);
        }
    }

    @Override
    public void send(PeerAddress target, OutboundMessage reply) {
        submit(target, reply, 1);
    }

    /** Replies dropped because the queue was full or every attempt failed. */
    public int dropped() {
        return dropped.get();
    }

    private void submit(PeerAddress target, OutboundMessage reply, int attempt) {
        ExecutorService w = workers;
        if (w == null) {
            drop(target, reply, "the reply senders are not running (the node is starting or stopping)");
            return;
        }
        try {
            w.execute(() -> attempt(target, reply, attempt));
        } catch (RejectedExecutionException e) {
            drop(target, reply, w.isShutdown() ? "the node is stopping" : "the reply queue is full");
        }
    }

    private void attempt(PeerAddress target, OutboundMessage reply, int attempt) {
        TransferResult r;
        try {
            r = client.sendMessage(target, reply, ours.get(), RetryPolicy.ONCE);
        } catch (RuntimeException e) {
            drop(target, reply, e.toString());
            return;
        }
        if (r.success()) {
            return;
        }
        // Like PeerClient's own retries: only a connection that never carried a frame is tried again.
        if (attempt < ATTEMPTS && !r.failure().afterConnect()) {
            try {
                ScheduledExecutorService later = retries;
                if (later == null) {
                    throw new RejectedExecutionException("stopped");
                }
                later.schedule(() -> submit(target, reply, attempt + 1), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                // shutting down: fall through and drop
            }
        }
        drop(target, reply, r.toString());
    }

    private void drop(PeerAddress target, OutboundMessage reply, String why) {
        dropped.incrementAndGet();
        LOG.warn("Reply {} to {} dropped: {}", reply, target, why);
    }

}
