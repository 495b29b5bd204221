package io.edgepublisher.node;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM ({@code kill}, {@code docker stop}) and SIGINT (Ctrl-C) stop the node the way {@code exit node} does: flush
 * the buffers, let deliveries finish, exit with status 0. Left to the JVM, both end in its shutdown sequence, which
 * resets the logging before Camel has stopped (so nothing about the shutdown is logged) and exits with 128 + the
 * signal number. A second signal while the node is stopping ends the process at once.
 */
public final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.boot");

    private ShutdownSignals() {
    }

    /** Installs the handlers for this process (the jar's main; not for nodes that tests run in their own JVM). */
    public static void install(Node node) {
        AtomicBoolean received = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> onSignal(node, s, received));
            } catch (IllegalArgumentException e) {
                LOG.debug("Signal SIG{} cannot be handled on this platform: {}", name, e.getMessage());
            }
        }
    }

    private static void onSignal(Node node, Signal s, AtomicBoolean received) {
        String name = "SIG" + s.getName();
        if (!received.compareAndSet(false, true)) {
            LOG.warn("{} again while shutting down: stopping now, without waiting for the shutdown to finish", name);
            System.err.flush();
            Runtime.getRuntime().halt(128 + s.getNumber());
        }
        node.exit(0, name);
    }
}
