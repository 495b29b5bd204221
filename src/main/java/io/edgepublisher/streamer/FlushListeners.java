package io.edgepublisher.streamer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link FlushListener} of the node behind the single listener slot of {@link StreamingBuffers}: the
 * publisher (and tests) add theirs with {@link StreamerService#addFlushListener}. A listener that throws is logged
 * and does not keep the others from being told.
 */
final class FlushListeners implements FlushListener {
    private static final Logger LOG = LoggerFactory.getLogger(FlushListeners.class);
    private final List<FlushListener> listeners = new CopyOnWriteArrayList<>();

    void add(FlushListener l) {
        listeners.add(l);
    }

    void remove(FlushListener l) {
        listeners.remove(l);
    }

    @Override
    public void onFileFlushed(Path watchFile, String hash, int rows) {
        for (FlushListener l : listeners) {
            try {
                l.onFileFlushed(watchFile, hash, rows);
            } catch (RuntimeException e) {
                LOG.warn("Flush listener failed for {}: {}", watchFile.getFileName(), e.toString());
            }
        }
    }
}
