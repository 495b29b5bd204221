package io.edgepublisher.publisher.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery (PUBLISHER.md §3.1): file-system events from a {@link WatchService}, files announced by the node itself
 * ({@link #nodeFile}), and a complete rescan at start and every {@code rescan}. Ignores directories, hidden names
 * and {@code .transfer}/{@code .tmp}/{@code .part}. Node files are taken at once; other files once their modification
 * time is {@code stable} old and their size did not change since the previous look. A name in {@code known} (queued
 * or being taken in) is never handed over twice; this loop adds the names it hands over.
 *
 * <p>Runs on one thread ({@link #run}); hands batches to {@code sink} on that thread, sorted by modification time and
 * name (node files first, in announcement order).
 */
public final class WatchLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchLoop.class);
    private static final Candidate RESCAN = new Candidate(Path.of("."), false, -1);

    private record Seen(long size, long mtime) {
    }

    private final Path dir;
    private final Set<String> known;
    private final Duration rescan;
    private final Duration stable;
    private final Consumer<List<Candidate>> sink;
    private final BlockingQueue<Candidate> inbox = new LinkedBlockingQueue<>();
    private final Map<String, Seen> pending = new HashMap<>();
    private final Set<String> complained = new HashSet<>();
    private volatile Consumer<Set<String>> listings = names -> { };
    private volatile boolean running = true;
    private volatile Thread thread;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.Executor pumps;
    private WatchService watcher;

    /** @param pumps runs the file-system event pump (one long task) */
    public WatchLoop(Path dir, Set<String> known, Duration rescan, Duration stable, Consumer<List<Candidate>> sink,
                     java.util.concurrent.Executor pumps) {
        this.pumps = pumps;
        this.dir = dir;
        this.known = known;
        this.rescan = rescan;
        this.stable = stable;
        this.sink = sink;
    }

    /** A file this node put into the watch dir (streamer flush, REST PUT, requeue): taken at once. Any thread. */
    public void nodeFile(Path file, int rowsHint) {
        inbox.add(new Candidate(file, true, rowsHint));
    }

    /** Told the names of every complete listing (to notice queued files that vanished, §5.5). */
    public void onListing(Consumer<Set<String>> l) {
        this.listings = l;
    }

    /** True for names discovery never takes (§3.1). */
    public static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith(".transfer") || name.endsWith(".tmp") || name.endsWith(".part");
    }

    public void stop() {
        running = false;
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            loop();
        } finally {
            done.countDown();
        }
    }

    private void loop() {
        try {
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            pumps.execute(this::pump);
        } catch (IOException e) {
            LOG.warn("No file-system events for {} ({}); relying on rescans every {} ms", dir, e, rescan.toMillis());
        }
        long nextRescan = 0;
        List<Candidate> items = new ArrayList<>();
        while (running) {
            try {
                long now = System.currentTimeMillis();
                long wait = Math.max(1, nextRescan - now);
                if (!pending.isEmpty()) {
                    wait = Math.min(wait, 100);
                }
                Candidate first = inbox.poll(wait, TimeUnit.MILLISECONDS);
                List<Candidate> batch = new ArrayList<>();
                List<Candidate> foreign = new ArrayList<>();
                if (first != null) {
                    items.clear();
                    items.add(first);
                    inbox.drainTo(items);
                    for (Candidate c : items) {
                        if (c == RESCAN) {
                            nextRescan = 0;
                        } else if (c.nodeCreated()) {
                            String name = c.path().getFileName().toString();
                            pending.remove(name);
                            if (!ignored(name) && known.add(name)) {
                                batch.add(c);
                            }
                        } else {
                            consider(c.path().getFileName().toString(), foreign);
                        }
                    }
                }
                now = System.currentTimeMillis();
                if (now >= nextRescan) {
                    // from the scan's start: a long listing (a backlog of many files) does not stretch the period
                    nextRescan = now + rescan.toMillis();
                    scan(foreign);
                }
                recheck(foreign);
                if (!foreign.isEmpty()) {
                    foreign.sort(Comparator.comparingLong(Candidate::mtime)
                        .thenComparing(c -> c.path().getFileName().toString()));
                    batch.addAll(foreign);
                }
                if (!batch.isEmpty()) {
                    sink.accept(batch);
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error("Watch dir loop failed; continuing", e);
            }
        }
    }

    private void pump() {
        while (running) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            for (WatchEvent<?> ev : key.pollEvents()) {
                if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                    inbox.add(RESCAN);
                } else if (ev.context() instanceof Path p) {
                    inbox.add(new Candidate(dir.resolve(p), false, -1));
                }
            }
            if (!key.reset()) {
                LOG.warn("Watch dir {} is no longer watched; relying on rescans", dir);
                return;
            }
        }
    }

    private void scan(List<Candidate> out) {
        // names only (File.list): a Path per entry costs more than the rest of the look at a known name, and a
        // backlog of tens of thousands of files is listed every rescan
        String[] list = dir.toFile().list();
        if (list == null) {
            LOG.error("Watch dir {} could not be listed: {}", dir, listError());
            return;
        }
        Set<String> names = new HashSet<>(Math.max(16, list.length * 4 / 3 + 1));
        for (String name : list) {
            names.add(name);
            consider(name, out);
        }
        listings.accept(names);
    }

    /** Why the directory cannot be listed (File.list only says that it cannot). */
    private String listError() {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return "listed on a second try";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void consider(String name, List<Candidate> out) {
        if (ignored(name) || known.contains(name) || pending.containsKey(name)) {
            return;
        }
        look(name, null, out);
    }

    private void recheck(List<Candidate> out) {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Seen> e : new ArrayList<>(pending.entrySet())) {
            if (known.contains(e.getKey())) {
                pending.remove(e.getKey());
            } else {
                look(e.getKey(), e.getValue(), out);
            }
        }
    }

    /** Takes the file when stable, else remembers what was seen. */
    private void look(String name, Seen before, List<Candidate> out) {
        Path p = dir.resolve(name);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            pending.remove(name);
            complained.remove(name);
            return;
        } catch (IOException e) {
            if (complained.add(name)) {
                LOG.warn("File {} in the watch dir cannot be read ({}); it stays and is looked at again", name,
                    e.toString());
            }
            pending.put(name, new Seen(-1, -1));
            return;
        }
        complained.remove(name);
        if (a.isDirectory()) {
            pending.remove(name);
            return;
        }
        Seen now = new Seen(a.size(), a.lastModifiedTime().toMillis());
        boolean old = System.currentTimeMillis() - now.mtime >= stable.toMillis();
        if (old && (before == null || before.equals(now))) {
            pending.remove(name);
            if (known.add(name)) {
                out.add(new Candidate(p, false, -1, now.mtime));
            }
        } else {
            pending.put(name, now);
        }
    }
}
