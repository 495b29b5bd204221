package io.edgepublisher.streamer;

import io.edgepublisher.config.Units;
import io.edgepublisher.support.PathText;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps intake off a full disk. Data is refused early — before anything is read into the journal — while the free
 * space of a file system the streamer writes to (prep, watch, error and journal folders) is below a floor, so the
 * space left is there for flushing what was already acknowledged. The floor is {@code EP_MIN_FREE_SPACE}: a size
 * ({@code 64MB}), a share of the file system ({@code 5%}), or {@code 0} for none; by default 64 MiB or 5 % of the
 * file system, whichever is smaller.
 *
 * <p>It also tracks whether writes of data files and journal records fail. Both states are logged once when they
 * change, and reported by {@code get processes}, {@code /observe/health/ready} and the node's metrics. Thread-safe.
 */
public final class StorageGuard {
    private static final Logger LOG = LoggerFactory.getLogger(StorageGuard.class);
    /** Default floor: the smaller of 64 MiB and 5 % of the file system. */
    static final long DEFAULT_FLOOR = 64L << 20;
    static final int DEFAULT_PERCENT = 5;
    /** Free space is read at most this often: one statfs per store, shared by every request in between. */
    private static final long REFRESH_NANOS = 100_000_000L;

    /** One file system: where it is (a folder on it, relative to the home), free and total bytes, its floor. */
    public record Store(String folder, long free, long total, long floor) {
        public boolean low() {
            return free < floor;
        }
    }

    /** The state intake decisions and reports use. {@code lowest} is the store closest to (or furthest below) its floor. */
    public record State(boolean refusing, Store lowest, String writeFailure) {
        /** Why intake is refused or writes fail, for people; null when all is well. */
        public String problem() {
            if (refusing) {
                return "intake refused: free space on the file system of " + lowest.folder() + " is "
                        + size(lowest.free()) + ", below the floor of " + size(lowest.floor())
                        + " (EP_MIN_FREE_SPACE); free some space and intake resumes by itself";
            }
            return writeFailure == null ? null : "storage writes fail: " + writeFailure;
        }
    }

    private final Map<Path, String> folders = new LinkedHashMap<>(); // folder -> name relative to the home
    private final String floorSetting;
    private final AtomicLong refusals = new AtomicLong();
    private volatile State state;
    private volatile long readAt = Long.MIN_VALUE / 2;
    private volatile String writeFailure;
    private volatile long lastFailureNanos;
    private volatile long lastSuccessNanos;
    /** Writes count as recovered once they succeed and none failed for this long. */
    private static final long SETTLE_NANOS = 5_000_000_000L;

    /**
     * @param home the node home (folders are named relative to it)
     * @param dirs the folders whose file systems are watched
     * @param floorSetting {@code EP_MIN_FREE_SPACE}, or null for the default
     */
    public StorageGuard(Path home, List<Path> dirs, String floorSetting) {
        for (Path d : dirs) {
            folders.putIfAbsent(d, PathText.relative(home, d));
        }
        this.floorSetting = floorSetting == null || floorSetting.isBlank() ? null : floorSetting.trim();
        if (this.floorSetting != null && floor(this.floorSetting, 100) < 0) {
            throw new IllegalArgumentException("EP_MIN_FREE_SPACE=" + floorSetting
                    + " is neither a size (64MB) nor a share of the file system (5%)");
        }
    }

    /** A guard that never refuses (tests of other capabilities). */
    public static StorageGuard none() {
        return new StorageGuard(null, List.of(), "0");
    }

    /** The floor for a file system of {@code total} bytes; -1 when the setting is malformed. */
    static long floor(String setting, long total) {
        if (setting == null) {
            return Math.min(DEFAULT_FLOOR, total * DEFAULT_PERCENT / 100);
        }
        if (setting.endsWith("%")) {
            String n = setting.substring(0, setting.length() - 1).trim();
            if (!n.matches("\\d{1,2}|100")) {
                return -1;
            }
            return total / 100 * Integer.parseInt(n);
        }
        return Units.parseStorageBytes(setting);
    }

    /** The current state, read from the file systems at most every 100 ms. */
    public State state() {
        settleWrites();
        long now = System.nanoTime();
        State s = state;
        if (s != null && now - readAt < REFRESH_NANOS) {
            return s.writeFailure == writeFailure ? s : new State(s.refusing, s.lowest, writeFailure);
        }
        State next = read();
        readAt = now;
        state = next;
        if (s == null ? next.refusing : s.refusing != next.refusing) {
            if (next.refusing) {
                LOG.warn("Storage: {}", next.problem());
            } else if (s != null) {
                LOG.info("Storage: free space on the file system of {} is {} again (floor {}): intake resumed",
                        next.lowest.folder(), size(next.lowest.free()), size(next.lowest.floor()));
            }
        }
        return next;
    }

    private State read() {
        Map<String, Store> byStore = new LinkedHashMap<>();
        Store lowest = null;
        for (Map.Entry<Path, String> e : folders.entrySet()) {
            try {
                FileStore fs = Files.getFileStore(e.getKey());
                String id = fs.name() + "|" + fs.toString();
                if (byStore.containsKey(id)) {
                    continue;
                }
                long total = fs.getTotalSpace();
                Store st = new Store(e.getValue(), fs.getUsableSpace(), total, floor(floorSetting, total));
                byStore.put(id, st);
                if (lowest == null || st.free() - st.floor() < lowest.free() - lowest.floor()) {
                    lowest = st;
                }
            } catch (IOException | RuntimeException ex) {
                // a folder that vanished: the writes into it report the failure
            }
        }
        if (lowest == null) {
            lowest = new Store("", Long.MAX_VALUE, Long.MAX_VALUE, 0);
        }
        return new State(lowest.low(), lowest, writeFailure);
    }

    /**
     * Throws when intake must be refused: the free space of a watched file system is below its floor.
     *
     * @throws StorageRefused 48 with the reason
     */
    public void checkIntake() {
        State s = state();
        if (s.refusing) {
            refusals.incrementAndGet();
            throw new StorageRefused("Not stored: " + s.problem());
        }
    }

    /**
     * Refuses a request whose data is known to need more space than is free above the floor (a large REST body,
     * which is spooled and then written as rows): better a 507 now than a disk filled by a copy that cannot finish.
     *
     * @throws StorageRefused 48 when {@code bytes} do not fit, or the floor is already crossed
     */
    public void checkRoomFor(long bytes, String what) {
        checkIntake();
        Store st = state().lowest;
        long room = st.free() - st.floor();
        if (bytes > room) {
            refusals.incrementAndGet();
            throw new StorageRefused("Not stored: " + what + " needs about " + size(bytes) + " of disk, and only "
                    + size(Math.max(0, room)) + " are free above the floor of " + size(st.floor())
                    + " (EP_MIN_FREE_SPACE) on the file system of " + st.folder());
        }
    }

    /** Intake requests refused since start (REST and MQTT). */
    public long refusals() {
        return refusals.get();
    }

    /**
     * A data file or journal write failed. Logged when writes start failing, not on every retry: the state lasts
     * until writes have succeeded and none failed for {@link #SETTLE_NANOS}, so a nearly full disk on which small
     * writes pass and large ones fail does not log every request.
     */
    public void writeFailed(String what, Throwable e) {
        String text = what + ": " + PathText.reason(e);
        boolean log;
        synchronized (this) {
            lastFailureNanos = System.nanoTime();
            log = writeFailure == null;
            writeFailure = text;
        }
        if (log) {
            LOG.error("Storage: {} ({}); the rows stay in their buffers and journal, writes are retried until they"
                    + " succeed", text, e.getClass().getSimpleName());
        }
    }

    /** A write succeeded: ends the failing state once no write failed for a while (logged once). */
    public void writeSucceeded() {
        if (writeFailure != null) {
            lastSuccessNanos = System.nanoTime();
            settleWrites();
        }
    }

    /** True while writes fail. */
    public boolean writesFailing() {
        settleWrites();
        return writeFailure != null;
    }

    private void settleWrites() {
        String was;
        synchronized (this) {
            if (writeFailure == null || lastSuccessNanos - lastFailureNanos <= 0
                    || System.nanoTime() - lastFailureNanos < SETTLE_NANOS) {
                return;
            }
            was = writeFailure;
            writeFailure = null;
        }
        LOG.info("Storage: writes succeed again (last failure: {})", was);
    }

    /** {@code 64.0 MB}-style text (binary units). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** The folders watched (for tests and reports). */
    List<String> folders() {
        return new ArrayList<>(folders.values());
    }
}
