package io.edgepublisher.intake;

import io.edgepublisher.node.Routes;
import io.edgepublisher.node.Node;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The intake's threads, from Camel's {@link ExecutorServiceManager} (they show in Camel's management and stop with the
 * context). Messages themselves run on the threads of their transports (paho, Vert.x) and the journal's commit thread.
 */
public final class IntakePools {
    /** Threshold flushes of message intake: files are cut here, not in the thread that receives messages. */
    public static final String FLUSH = "ep-intake-flush";
    /** Reconnection attempts of the MQTT clients (1 s doubling to 60 s). */
    public static final String RECONNECT = "ep-intake-reconnect";

    private IntakePools() {
    }

    /** Registers the profiles (once per context). */
    public static void register(ExecutorServiceManager m) {
        if (m.getThreadPoolProfile(RECONNECT) == null) {
            m.registerThreadPoolProfile(new ThreadPoolProfileBuilder(RECONNECT).poolSize(1).maxPoolSize(1).build());
        }
    }

    /** The single thread that cuts the files of message intake (one, so a buffer's files keep their order). */
    public static ExecutorService flusher(CamelContext ctx) {
        return ctx.getExecutorServiceManager().newSingleThreadExecutor(IntakePools.class, FLUSH);
    }

    /** The node's reconnection scheduler, made on first use. */
    public static synchronized ScheduledExecutorService reconnects(Node node) {
        CamelContext ctx = Routes.requireContext(node);
        ScheduledExecutorService s = ctx.getRegistry().lookupByNameAndType(RECONNECT, ScheduledExecutorService.class);
        if (s == null || s.isShutdown()) {
            register(ctx.getExecutorServiceManager());
            s = ctx.getExecutorServiceManager().newScheduledThreadPool(IntakePools.class, RECONNECT, RECONNECT);
            ctx.getRegistry().bind(RECONNECT, s);
        }
        return s;
    }
}
