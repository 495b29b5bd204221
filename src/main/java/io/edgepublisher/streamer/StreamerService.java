package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalMode;
import java.io.IOException;
import io.edgepublisher.support.PathText;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node service of the streaming buffers (registered as {@code StreamerService.class}): one
 * {@link StreamingBuffers} with its journal in {@code !journal_dir} in the mode of {@code !journal_sync}, recovered in
 * boot phase 0 and flushed at shutdown by {@link StreamerModule}.
 *
 * <p>Hooks for other capabilities:
 * <ul>
 * <li>{@link #addFlushListener}: the publisher is told about every data file that lands in the watch dir (threshold,
 * time, {@code flush buffers}, REST PUT {@code mode: file}, journal recovery), right after its directory fsync, so it
 * can pick the file up at once instead of waiting for its directory scan. Error-buffer files (into the error dir)
 * are not announced. Listeners run on the flushing thread and must not block.</li>
 * <li>{@link #writeImmediateRequested()}: true when {@code set buffer threshold … write_immediate = true} was stored;
 * {@code run publisher} must then fail with 235 (COMMANDS.md §4.17).</li>
 * </ul>
 */
public final class StreamerService {
    private static final Logger LOG = LoggerFactory.getLogger(StreamerService.class);
    /** {@code get processes} row and the error detail of a second {@code run streamer}. */
    public static final String ROUTE_ID = "streamer";
    public static final String WRITE_IMMEDIATE_CONFLICT =
            "Publisher service can't be enabled if 'run_immediate' flag is set to True";

    private final StreamingBuffers buffers;
    private final FlushListeners listeners = new FlushListeners();
    private final Set<String> writeImmediateScopes = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private volatile RecoveryReport recovery;
    private Path home;
    private Path journalDir;
    private String minFreeSpace;

    public StreamerService(StreamingBuffers buffers, Clock clock) {
        this.buffers = buffers;
        this.clock = clock;
        buffers.setListener(listeners);
    }

    /** Opens the journal of a node: {@code !journal_dir}, mode {@code !journal_sync} (default {@code always}). */
    public static StreamerService open(Dictionary d, NodeDirectories dirs, Clock clock) {
        JournalMode mode = JournalMode.parse(io.edgepublisher.config.Defaults.orDefault(d, "journal_sync", "EP_JOURNAL_SYNC"));
        StreamerDirs sd = new StreamerDirs(dirs.dir("prep_dir"), dirs.dir("watch_dir"), dirs.dir("err_dir"));
        try {
            Journal journal = Journal.open(dirs.dir("journal_dir"), mode);
            StreamerService s = new StreamerService(new StreamingBuffers(sd, journal, new ThresholdTable(), clock),
                    clock);
            s.home = dirs.home();
            s.journalDir = dirs.dir("journal_dir");
            s.minFreeSpace = d.get("min_free_space");
            s.guard(sd);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the intake journal in " + dirs.dir("journal_dir") + ": "
                    + e.getMessage(), e);
        }
    }

    public StreamingBuffers buffers() {
        return buffers;
    }

    /**
     * Watches the free space of the file systems of {@code dirs} and the journal (again after {@code run streamer}
     * moved the folders).
     */
    public void guard(StreamerDirs dirs) {
        List<Path> watched = new ArrayList<>(List.of(dirs.prep(), dirs.watch(), dirs.err()));
        if (journalDir != null && buffers.journal().enabled()) {
            watched.add(journalDir);
        }
        buffers.setStorageGuard(new StorageGuard(home, watched, minFreeSpace));
    }

    /** Where request bodies too large for memory wait while they are processed: {@code !journal_dir/spool}. */
    public Path spoolDir() {
        return journalDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : journalDir.resolve("spool");
    }

    /** The free-space floor and write-failure state of intake. */
    public StorageGuard storage() {
        return buffers.storage();
    }

    public ThresholdTable thresholds() {
        return buffers.thresholds();
    }

    public Clock clock() {
        return clock;
    }

    /** The publisher's hook: told about every data file renamed into the watch dir. Must not block. */
    public void addFlushListener(FlushListener l) {
        listeners.add(l);
    }

    public void removeFlushListener(FlushListener l) {
        listeners.remove(l);
    }

    /**
     * True when a {@code set buffer threshold … write_immediate = true} is in force (for any scope). The publisher
     * checks it in {@code run publisher} and fails with 235 {@link #WRITE_IMMEDIATE_CONFLICT}.
     */
    public boolean writeImmediateRequested() {
        return !writeImmediateScopes.isEmpty();
    }

    /** Records {@code write_immediate} for a scope ({@code ""}, {@code dbms} or {@code dbms.table}). */
    public void writeImmediate(String scope, boolean on) {
        String s = scope.toLowerCase(Locale.ROOT);
        if (on) {
            writeImmediateScopes.add(s);
        } else {
            writeImmediateScopes.remove(s);
        }
    }

    /** Boot phase 0: every journal segment becomes its file before any intake accepts data (INTAKE.md §6.4). */
    public RecoveryReport recover() {
        removeLeftovers();
        try {
            RecoveryReport r = buffers.recover();
            recovery = r;
            return r;
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FILE_WRITE, "Journal recovery failed: " + e.getMessage(), e);
        }
    }

    /**
     * Bodies and rows of REST requests that were being processed when the node stopped: never acknowledged, so they
     * are deleted ({@code !journal_dir/spool/*}, {@code !prep_dir/.put-*.tmp}).
     */
    private void removeLeftovers() {
        List<Path> stale = new ArrayList<>();
        if (journalDir != null && Files.isDirectory(spoolDir())) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(spoolDir())) {
                ds.forEach(stale::add);
            } catch (IOException e) {
                LOG.warn("Cannot list {}: {}", spoolDir().getFileName(), PathText.reason(e));
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(buffers.dirs().prep(), ".put-*.tmp")) {
            ds.forEach(stale::add);
        } catch (IOException e) {
            LOG.warn("Cannot list the prep dir: {}", PathText.reason(e));
        }
        for (Path p : stale) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", p.getFileName(), PathText.reason(e));
            }
        }
    }

    /** What the boot recovery did, or null before it ran. */
    public RecoveryReport lastRecovery() {
        return recovery;
    }

    /** Shutdown (CONFIG.md §6.6): flushes every buffer; unflushable ones keep their journal for the next boot. */
    public void close() {
        LOG.info("Flushing streaming buffers ({} rows buffered)", buffers.bufferedRows());
        buffers.close();
    }
}
