package io.edgepublisher.ops;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a user route file shortly after it changes. Editors write files in several steps, so a file is reloaded
 * once it has been quiet for a moment. When the folder does not exist yet, it is looked for every few seconds and
 * loaded when it appears.
 */
final class UserRoutesWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(UserRoutesWatcher.class);
    private static final long QUIET_MS = 400;
    private static final long FOLDER_POLL_MS = 5_000;

    private final UserRoutes routes;
    /** The name of the watcher's one thread in Camel's thread pools (ExecutorServiceManager). */
    static final String POOL = "ep-user-routes";

    private volatile WatchService watch;
    private org.apache.camel.spi.ExecutorServiceManager pools;
    private java.util.concurrent.ExecutorService executor;

    UserRoutesWatcher(UserRoutes routes) {
        this.routes = routes;
    }

    private volatile boolean stopped;

    /** Runs the watcher on a single thread of Camel's thread pools, shut down with the context at the latest. */
    void start(org.apache.camel.spi.ExecutorServiceManager m) {
        // registered at once when the folder exists, so that no change after the boot's loadAll is missed
        if (Files.isDirectory(routes.dir()) && !watchFolder()) {
            return;
        }
        pools = m;
        executor = m.newSingleThreadExecutor(this, POOL);
        executor.execute(this);
    }

    void stop() {
        stopped = true;
        try {
            WatchService w = watch;
            if (w != null) {
                w.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (executor != null) {
            pools.shutdownNow(executor); // interrupts the wait for the folder
        }
    }

    /** Waits for the folder to exist (loading it when it appears later than the boot), then watches it. */
    private boolean register() throws InterruptedException {
        if (watch != null) {
            return true;
        }
        Path dir = routes.dir();
        while (!stopped && !Files.isDirectory(dir)) {
            Thread.sleep(FOLDER_POLL_MS);
        }
        if (stopped || !watchFolder()) {
            return false;
        }
        LOG.info("User routes folder {} appeared", dir);
        routes.loadAll();
        return true;
    }

    private boolean watchFolder() {
        Path dir = routes.dir();
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
            watch = w;
            return true;
        } catch (IOException e) {
            LOG.warn("User routes in {} will not be reloaded on change: {}", dir, e.getMessage());
            return false;
        }
    }

    @Override
    public void run() {
        Map<Path, Long> pending = new HashMap<>();
        try {
            if (!register()) {
                return;
            }
            while (true) {
                WatchKey key = watch.poll(pending.isEmpty() ? 3600_000 : 100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.context() instanceof Path p && UserRoutes.isRouteFile(p)) {
                            pending.put(routes.dir().resolve(p), System.currentTimeMillis());
                        }
                    }
                    key.reset();
                }
                long now = System.currentTimeMillis();
                for (Iterator<Map.Entry<Path, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Path, Long> e = it.next();
                    if (now - e.getValue() >= QUIET_MS) {
                        it.remove();
                        try {
                            routes.reload(e.getKey());
                        } catch (RuntimeException ex) {
                            LOG.error("Reloading {} failed", e.getKey(), ex);
                        }
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // node stopping
        }
    }
}
