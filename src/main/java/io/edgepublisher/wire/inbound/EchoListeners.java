package io.edgepublisher.wire.inbound;

import io.edgepublisher.wire.InboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link EchoListener}s: a node service created by {@link io.edgepublisher.wire.TcpModule} at install, so
 * it exists before any boot script line runs; the TCP server publishes unclaimed echoes here.
 */
public final class EchoListeners {
    private static final Logger LOG = LoggerFactory.getLogger(EchoListeners.class);
    private final List<EchoListener> listeners = new CopyOnWriteArrayList<>();

    public void add(EchoListener listener) {
        listeners.add(listener);
    }

    public void remove(EchoListener listener) {
        listeners.remove(listener);
    }

    public void publish(InboundMessage echo) {
        for (EchoListener l : listeners) {
            try {
                l.onEcho(echo);
            } catch (RuntimeException e) {
                LOG.warn("Echo listener failed", e);
            }
        }
    }
}
