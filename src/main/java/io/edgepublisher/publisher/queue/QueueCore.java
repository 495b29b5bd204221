package io.edgepublisher.publisher.queue;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.routing.Backoff;
import io.edgepublisher.store.TsdInfoDao;
import io.edgepublisher.support.DaemonThreads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's state and the helpers every stage uses. All state is owned by one thread (the loop, a single-thread
 * scheduler): other threads only post tasks to it, so no lock is held while files are read, sent or moved. Transfers
 * run on a pool of {@code threads} workers, moves and deletes on a small disposal pool, database statements on the
 * {@code tsd_info} writer thread.
 */
abstract class QueueCore {
    static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.publisher");

    final QueueDeps deps;
    final PublisherConfig cfg;
    final ScheduledThreadPoolExecutor loop;
    final ExecutorService senders;
    final ExecutorService disposers;
    /** Names the watcher must not hand over again: queued, or being taken in. Shared with the watcher. */
    final Set<String> known = ConcurrentHashMap.newKeySet();

    final Map<Path, QueuedFile> byPath = new HashMap<>();
    final Map<String, QueuedFile> byHash = new HashMap<>();
    final Map<String, QueuedFile> byName = new HashMap<>();
    final Map<String, Lane> lanes = new LinkedHashMap<>();
    final Set<QueuedFile> waiting = new LinkedHashSet<>();
    /** Accepted files kept for late echoes (§5.4): hash → what is needed to restore them. */
    final Map<String, Delivered> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Delivered> e) {
            return size() > 100_000;
        }
    };
    int inFlight;
    int claims;
    long seq;
    boolean paused;
    boolean stopping;
    boolean kickPending;

    /** An accepted file: destination and kept copy (null when deleted, or not yet disposed). */
    static final class Delivered {
        final String name;
        final String dest;
        final String dbms;
        final String table;
        Path copy;

        Delivered(String name, String dest, String dbms, String table) {
            this.name = name;
            this.dest = dest;
            this.dbms = dbms;
            this.table = table;
        }
    }

    QueueCore(QueueDeps deps) {
        this.deps = deps;
        this.cfg = deps.config();
        this.loop = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("publisher-queue"));
        loop.setRemoveOnCancelPolicy(true);
        this.senders = Executors.newFixedThreadPool(cfg.threads(), DaemonThreads.named("publisher-send"));
        this.disposers = Executors.newFixedThreadPool(Math.max(1, Math.min(2, cfg.threads())),
            DaemonThreads.named("publisher-dispose"));
    }

    long now() {
        return deps.clock().getAsLong();
    }

    /** Runs on the loop thread; dropped after the queue stopped. */
    void post(Runnable r) {
        try {
            loop.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("Publisher queue step failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped: the file stays in the watch dir and its row says where it was
        }
    }

    void schedule(QueuedFile f, Runnable r, long delayMillis) {
        f.cancelTimer();
        try {
            f.timer = loop.schedule(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("Publisher queue timer failed", e);
                }
            }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped
        }
    }

    abstract void kick();

    void requestKick() {
        if (!kickPending) {
            kickPending = true;
            post(this::kick);
        }
    }

    Lane lane(QueuedFile f) {
        return lanes.computeIfAbsent(f.laneKey(), k -> new Lane(f.file.dbms(), f.file.table()));
    }

    void makeReady(QueuedFile f) {
        f.cancelTimer();
        f.state = FileState.READY;
        lane(f).ready.add(f);
        requestKick();
    }

    void backoffUntil(QueuedFile f, long at) {
        f.state = FileState.BACKOFF;
        f.nextAttempt = at;
        schedule(f, () -> {
            if (f.state == FileState.BACKOFF) {
                makeReady(f);
            }
        }, at - now());
    }

    /** The next attempt after the file's n-th consecutive failure (§5.5). */
    long backoffDelay(QueuedFile f) {
        return Backoff.jittered(cfg.retryMin(), cfg.retryMax(), Math.max(1, f.consecutive));
    }

    /** Takes the file out of every index; its name may be handed over again by the watcher. */
    void remove(QueuedFile f) {
        f.cancelTimer();
        f.state = FileState.DONE;
        byPath.remove(f.file.path());
        if (byHash.get(f.hash()) == f) {
            byHash.remove(f.hash());
        }
        byName.remove(f.name());
        waiting.remove(f);
        Lane l = lanes.get(f.laneKey());
        if (l != null) {
            l.ready.remove(f);
            if (l.claimed.remove(f)) {
                claims--;
            }
            l.size--;
            if (l.idle()) {
                lanes.remove(f.laneKey());
            }
        }
        known.remove(f.name());
    }

    /** A status change; a failure other than an outage (the writer waits those out) is only logged. */
    CompletableFuture<Void> status(QueuedFile f, String status1, String status2) {
        f.lastStatus2 = status2;
        return deps.tsd().update(f.hash(), status1, status2, null).whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("tsd_info status '{}' of {} not written: {}", status2, f.name(), e.toString());
            }
        });
    }

    /** §8: moves the file to the error dir with {@code code}; counts and records it. */
    void toErrorDir(QueuedFile f, int code, String text, String dest) {
        remove(f);
        String codeText = ErrorCode.textOf(code);
        status(f, null, "error " + code + ": " + codeText);
        deps.stats().error(f.file.dbms(), f.file.table(), dest, text);
        deps.events().errored(f.name(), code);
        LOG.warn("File {} goes to the error dir with {} ({}): {}", f.name(), code, codeText, text);
        // The name stays known until the move is done, so the watcher does not take the file again meanwhile.
        known.add(f.name());
        disposers.execute(() -> {
            try {
                deps.errorDir().move(f.file.path(), f.name(), code);
            } catch (java.nio.file.NoSuchFileException e) {
                LOG.info("File {} vanished before its move to the error dir", f.name());
            } catch (java.io.IOException e) {
                LOG.error("File {} could not be moved to the error dir: {}", f.name(), e.toString());
            } finally {
                known.remove(f.name());
            }
        });
    }

    static String timeText(long millis) {
        return TsdInfoDao.timeText(Instant.ofEpochMilli(millis));
    }

}
