package io.edgepublisher.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells interested capabilities that the user routes changed (a file loaded, reloaded or removed): a route on
 * {@code direct:publisher-destination} may now route files that were waiting for one. A node service.
 */
public final class UserRouteChanges {
    private static final Logger LOG = LoggerFactory.getLogger(UserRouteChanges.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void changed() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("A listener of user route changes failed", e);
            }
        }
    }
}
