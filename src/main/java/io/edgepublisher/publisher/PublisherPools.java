package io.edgepublisher.publisher;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

/**
 * The threads of one publisher run, from Camel's {@link ExecutorServiceManager} (so they show in Camel's management
 * and stop with the context), one profile each:
 * <ul>
 *   <li>{@code ep-publisher}: one worker for claims, continuations after {@code tsd_info} commits, acceptance and
 *       disposal: one thread keeps them in order (statements commit in order, so files become ready in first-seen
 *       order and round-robin positions follow it);</li>
 *   <li>{@code ep-publisher-send}: {@code threads} transfers (the profile's size is replaced by the option);</li>
 *   <li>{@code ep-publisher-timer}: backoff, no-route and {@code ack_wait} timers;</li>
 *   <li>{@code ep-publisher-watch}: discovery (the watch loop and its file-system event pump);</li>
 *   <li>{@code ep-publisher-tsdinfo}: the {@code tsd_info} group-commit writer.</li>
 * </ul>
 */
public final class PublisherPools {
    public static final String WORKER = "ep-publisher";
    public static final String SEND = "ep-publisher-send";
    public static final String TIMER = "ep-publisher-timer";
    public static final String WATCH = "ep-publisher-watch";
    public static final String TSDINFO = "ep-publisher-tsdinfo";

    private final ExecutorServiceManager manager;
    public final ExecutorService worker;
    public final ExecutorService send;
    public final ScheduledExecutorService timer;
    public final ExecutorService watch;
    public final ExecutorService tsdinfo;

    /** Registers the profiles once per context. */
    public static void register(ExecutorServiceManager m) {
        m.registerThreadPoolProfile(profile(WORKER, 1));
        m.registerThreadPoolProfile(profile(SEND, 4));
        m.registerThreadPoolProfile(profile(TIMER, 1));
        m.registerThreadPoolProfile(profile(WATCH, 2));
        m.registerThreadPoolProfile(profile(TSDINFO, 1));
    }

    private static ThreadPoolProfile profile(String id, int size) {
        // an unbounded FIFO queue: Camel makes a direct hand-over (callers run the task when busy) for sizes <= 0
        return new ThreadPoolProfileBuilder(id).poolSize(size).maxPoolSize(size).maxQueueSize(Integer.MAX_VALUE)
            .build();
    }

    public PublisherPools(ExecutorServiceManager m, Object source, int threads) {
        this.manager = m;
        if (m.getThreadPoolProfile(WORKER) == null) {
            register(m);
        }
        this.worker = m.newThreadPool(source, WORKER, WORKER);
        ThreadPoolProfile send = profile(SEND, threads);
        this.send = m.newThreadPool(source, SEND, send);
        this.timer = m.newScheduledThreadPool(source, TIMER, TIMER);
        this.watch = m.newThreadPool(source, WATCH, WATCH);
        this.tsdinfo = m.newThreadPool(source, TSDINFO, TSDINFO);
    }

    /** Transfers get {@code waitMillis} to end. */
    public void stopTransfers(long waitMillis) {
        manager.shutdownGraceful(send, waitMillis);
    }

    /** The other threads stop (queued files stay on disk, §9). */
    public void shutdown() {
        manager.shutdownNow(watch);
        manager.shutdownNow(timer);
        manager.shutdownGraceful(worker, 2000);
        manager.shutdownNow(tsdinfo);
    }
}
