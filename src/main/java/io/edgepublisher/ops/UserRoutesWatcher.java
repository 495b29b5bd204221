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
 * once it has been quiet for a moment.
 */
final class UserRoutesWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(UserRoutesWatcher.class);
    private static final long QUIET_MS = 400;

    private final UserRoutes routes;
    private WatchService watch;
    private Thread thread;

    UserRoutesWatcher(UserRoutes routes) {
        this.routes = routes;
    }

    void start() {
        Path dir = routes.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            watch = FileSystems.getDefault().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warn("User routes in {} will not be reloaded on change: {}", dir, e.getMessage());
            return;
        }
        thread = new Thread(this, "user-routes-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        Map<Path, Long> pending = new HashMap<>();
        try {
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
