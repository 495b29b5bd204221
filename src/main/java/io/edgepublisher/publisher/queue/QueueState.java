package io.edgepublisher.publisher.queue;

import io.edgepublisher.publisher.naming.PreparedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of the queue, indexed by path, hash and canonical name, and the names discovery must not hand over
 * again. Not thread-safe: the {@link DeliveryQueue} guards it with its lock ({@link #known} alone is shared with the
 * watcher and concurrent).
 */
final class QueueState {
    final Map<Path, QueuedFile> byPath = new HashMap<>();
    final Map<String, QueuedFile> byHash = new HashMap<>();
    final Map<String, QueuedFile> byName = new HashMap<>();
    /** Names the watcher must not hand over again: queued, or being taken in or moved out. */
    final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Files waiting for a route (§4.4), re-evaluated on routes changes. */
    final Set<QueuedFile> waiting = new LinkedHashSet<>();
    private long seq;

    /** The outcome of {@link #add}. */
    enum Added { NEW, SAME_PATH, SAME_HASH }

    /** A file that was not queued yet; null with the reason in {@code why[0]} when it cannot be. */
    QueuedFile add(PreparedFile p, long now, Added[] why) {
        if (byPath.containsKey(p.path())) {
            why[0] = Added.SAME_PATH;
            return null;
        }
        if (byHash.containsKey(p.hash())) {
            why[0] = Added.SAME_HASH;
            return null;
        }
        QueuedFile f = new QueuedFile(p, seq++, now);
        byPath.put(p.path(), f);
        byHash.put(p.hash(), f);
        byName.put(p.name(), f);
        known.add(p.name());
        why[0] = Added.NEW;
        return f;
    }

    QueuedFile byHash(String hash) {
        return byHash.get(hash);
    }

    /** A queued file named by an operator's echo: canonical name, the name sent ({@code .gz}), or hash. */
    QueuedFile named(String token) {
        QueuedFile f = token.length() == 32 ? byHash.get(token) : null;
        if (f == null) {
            f = byName.get(token);
        }
        if (f == null && token.endsWith(".gz")) {
            f = byName.get(token.substring(0, token.length() - 3));
        }
        return f;
    }

    /** Takes the file out of every index and forgets its name. */
    void remove(QueuedFile f) {
        f.cancelTimer();
        f.state = FileState.DONE;
        byPath.remove(f.file.path());
        if (byHash.get(f.hash()) == f) {
            byHash.remove(f.hash());
        }
        byName.remove(f.name());
        waiting.remove(f);
        known.remove(f.name());
    }

    boolean contains(QueuedFile f) {
        return byPath.get(f.file.path()) == f;
    }

    int size() {
        return byPath.size();
    }

    List<QueuedFile> files() {
        return new ArrayList<>(byPath.values());
    }
}
