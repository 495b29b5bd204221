package io.edgepublisher.wire.server;

import io.edgepublisher.support.DaemonThreads;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.RetryPolicy;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferResult;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
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
public final class ReplySender implements ReplyChannel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);
    static final int ATTEMPTS = 3;
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    static final int THREADS = 4;
    static final int QUEUE = 1024;

    private final PeerClient client;
    private final Supplier<SourceAddress> ours;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService retries;
    private final AtomicInteger dropped = new AtomicInteger();

    /**
     * @param client the node's peer client
     * @param ours   this node's current addresses (null while the TCP server is not running)
     */
    public ReplySender(PeerClient client, Supplier<SourceAddress> ours) {
        this.client = client;
        this.ours = ours;
        this.workers = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), DaemonThreads.named("tcp-reply"));
        this.workers.allowCoreThreadTimeOut(true);
        this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tcp-reply-retry"));
    }

    @Override
    public void send(PeerAddress target, OutboundMessage reply) {
        submit(target, reply, 1);
    }

    /** Replies dropped because the queue was full or every attempt failed. */
    public int dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        workers.shutdownNow();
    }

    private void submit(PeerAddress target, OutboundMessage reply, int attempt) {
        try {
            workers.execute(() -> attempt(target, reply, attempt));
        } catch (RejectedExecutionException e) {
            drop(target, reply, workers.isShutdown() ? "the node is stopping" : "the reply queue is full");
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
                retries.schedule(() -> submit(target, reply, attempt + 1), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
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
