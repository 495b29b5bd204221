package io.edgepublisher.node;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel lifecycle callbacks the capabilities use instead of node hooks (CONFIG.md §6.1, §6.6):
 *
 * <ul>
 *   <li>{@link #afterStart}: boot phase 0 (journal recovery, ledger load, probes, {@code direct:ingest}) is a
 *       {@link ExtendedStartupListener}: it runs once the context and its routes started, before the boot script,
 *       in the order the capabilities were installed. A failing step stops the node with exit status 1.</li>
 *   <li>{@link #beforeStop}: the graceful shutdown (stop intake, flush buffers, let deliveries finish) is a
 *       {@link org.apache.camel.spi.LifecycleStrategy#onContextStopping}, which Camel calls before it stops the routes;
 *       the step added last runs first.</li>
 *   <li>{@link #onClose}: releasing what the routes used (database connections, the peer client, Vert.x) is a Camel
 *       service; Camel stops services after the routes, in reverse order of addition.</li>
 * </ul>
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final String BOOT_LOG = "io.edgepublisher.boot";

    /** A step that may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** What a capability does to the context when camel-main configures it (beans, services, listeners). */
    @FunctionalInterface
    public interface Wiring {
        void configure(CamelContext ctx) throws Exception;
    }

    private Lifecycle() {
    }

    /** A capability's lifecycle wiring as a camel-main configuration ({@link Node#configuration}). */
    public static CamelConfiguration configuration(Wiring wiring) {
        return new CamelConfiguration() {
            @Override
            public void configure(CamelContext ctx) throws Exception {
                wiring.configure(ctx);
            }
        };
    }

    /** Boot phase 0: runs when the context fully started, before the boot script; skipped once the node exits. */
    public static void afterStart(Node node, CamelContext ctx, Step step) throws Exception {
        ctx.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                if (node.exiting()) {
                    return; // a signal, or an earlier step failed
                }
                try {
                    step.run();
                } catch (Exception e) {
                    LogSetup.mustLog(BOOT_LOG, "Boot failed before the boot script (recovery, system scheduler): "
                        + e + ": the node stops with exit status 1.");
                    LOG.debug("Boot phase 0 failed", e);
                    node.bootFinished();
                    node.exit(1, "boot failed");
                }
            }
        });
    }

    /** Graceful shutdown step: runs before Camel stops the routes; the step added last runs first. */
    public static void beforeStop(CamelContext ctx, Runnable step) {
        // Camel calls the strategies in list order; putting each new one first gives the reverse order of addition.
        ctx.getLifecycleStrategies().add(0, new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.warn("Shutdown step failed", e);
                }
            }
        });
    }

    /** Releases a resource when the context stops, after the routes (Camel stops services in reverse order). */
    public static void onClose(CamelContext ctx, Runnable release) {
        try {
            ctx.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    try {
                        release.run();
                    } catch (RuntimeException e) {
                        LOG.warn("Closing step failed", e);
                    }
                }
            }, true, true);
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
    }
}
