package io.edgepublisher.streamer.journal;

import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intake journal (INTAKE.md §6): one segment {@code <buffer key>.<sequence>.jnl} per open buffer in
 * {@code !journal_dir}; durability per {@link JournalMode}. Thread-safe.
 *
 * <p>Usage by the buffers, under the buffer's lock: {@link #openSegment} when the buffer opens, {@link #append} per
 * batch; outside the lock {@link #durable} before acknowledging; {@link #retire} after a successful flush.
 */
public final class Journal implements AutoCloseable {
    private static final Pattern SEGMENT = Pattern.compile("(.+)\\.(\\d+)\\.jnl");

    private final Path dir;
    private final JournalMode mode;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();
    private final GroupCommitter committer;

    private Journal(Path dir, JournalMode mode) throws IOException {
        this.dir = dir;
        this.mode = mode;
        if (mode.kind() != JournalMode.Kind.NONE) {
            Files.createDirectories(dir);
            for (Path p : segmentFiles()) {
                Matcher m = SEGMENT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    nextSequence.merge(m.group(1), Long.parseLong(m.group(2)) + 1, Math::max);
                }
            }
        }
        // always: the async form hands its fsync to a committer without window, so a producer with many messages in
        // flight is not blocked per message; group: the committer waits up to the window.
        this.committer = mode.kind() == JournalMode.Kind.NONE ? null
                : new GroupCommitter(mode.kind() == JournalMode.Kind.GROUP ? mode.groupMillis() : 0);
    }

    /** Opens the journal in {@code dir} (created if needed; unused for {@code none}). */
    public static Journal open(Path dir, JournalMode mode) throws IOException {
        return new Journal(dir, mode);
    }

    public JournalMode mode() {
        return mode;
    }

    public boolean enabled() {
        return mode.kind() != JournalMode.Kind.NONE;
    }

    /** Creates the segment of a buffer that just opened and writes its header record; null for {@code none}. */
    public JournalSegment openSegment(SegmentHeader header) throws IOException {
        if (!enabled()) {
            return null;
        }
        while (true) {
            long seq = nextSequence.merge(header.key(), 1L, Long::sum) - 1;
            Path path = dir.resolve(header.key() + "." + seq + ".jnl");
            try {
                byte[] h = RecordCodec.encode(header.toJson());
                JournalSegment s = new JournalSegment(path, this, JournalSegment.create(path), h);
                s.appendEncoded(h);
                return s;
            } catch (FileAlreadyExistsException e) {
                // a stale segment (e.g. left by a failed recovery flush): take the next number
            }
        }
    }

    /**
     * Opens (or creates) an auxiliary log in the journal's record format, outside the segment directory scan: the
     * message clients' delivery logs. Its records become durable through {@link #durable} like segment records, so
     * one commit covers both. Null when the journal is off ({@code none}).
     */
    public JournalSegment openLog(Path path) throws IOException {
        if (!enabled()) {
            return null;
        }
        Files.createDirectories(path.getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Fsync.directory(path.getParent());
        JournalSegment log = new JournalSegment(path, this, ch, null);
        log.startAt(ch.size());
        return log;
    }

    /** Adds one batch record to a segment (no I/O); returns the position {@link #durable} must reach. */
    public long append(JournalSegment segment, byte[] payload, int off, int len) {
        return segment == null ? 0 : segment.append(payload, off, len);
    }

    /**
     * Completes when the record ending at {@code pos} is on stable storage. The fsync runs on the journal's commit
     * thread — at once for {@code always}, after at most the window for {@code group:<ms>} — and covers every record
     * pending at that moment; the future completes on that thread (keep continuations short or use the
     * {@code …Async} variants). Completes at once for {@code none}, exceptionally with the {@link IOException} of a
     * failed fsync.
     */
    public CompletableFuture<Void> durable(JournalSegment segment, long pos) {
        if (segment == null) {
            return CompletableFuture.completedFuture(null);
        }
        switch (segment.status(pos)) {
            case JournalSegment.DURABLE:
                return CompletableFuture.completedFuture(null);
            case JournalSegment.FAILED:
                try {
                    segment.check(pos);
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
                return CompletableFuture.completedFuture(null);
            default:
                return committer.submit(segment, pos);
        }
    }

    /**
     * Blocks until the record ending at {@code pos} is on stable storage: {@code always} fsyncs in the calling thread
     * (concurrent callers share an fsync that started after their records), {@code group:<ms>} waits for the group
     * fsync, {@code none} returns at once.
     */
    public void awaitDurable(JournalSegment segment, long pos) throws IOException {
        if (segment == null || segment.isDurable(pos)) {
            return;
        }
        if (mode.kind() == JournalMode.Kind.ALWAYS) {
            try {
                segment.syncTo(pos);
            } catch (IOException e) {
                // this call's own write failed; the record's outcome says whether it was ours
            }
            segment.check(pos);
            return;
        }
        try {
            committer.submit(segment, pos).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the journal fsync");
        }
    }

    /**
     * Fsyncs everything appended to the segment so far (before a flush, so journal and file agree). On failure the
     * records it covered are {@link JournalSegment#FAILED}: their rows must leave the buffer.
     */
    public void syncAll(JournalSegment segment) throws IOException {
        if (segment != null) {
            segment.syncTo(segment.appended());
        }
    }

    /**
     * Deletes the segment of a buffer that emptied because every record in it failed: there is nothing to recover.
     */
    public void discard(JournalSegment segment) throws IOException {
        if (segment != null) {
            segment.retire();
        }
    }

    /** Deletes the segment of a buffer whose file is durable; its waiters complete successfully. */
    public void retire(JournalSegment segment) throws IOException {
        if (segment != null) {
            segment.retire();
        }
    }

    /** Reads every segment in the directory, in name order (INTAKE.md §6.4). */
    public List<RecoveredSegment> readSegments() throws IOException {
        List<RecoveredSegment> out = new ArrayList<>();
        if (!enabled()) {
            return out;
        }
        for (Path p : segmentFiles()) {
            out.add(SegmentReader.read(p));
        }
        return out;
    }

    /** Reads one segment (recovery of a segment held at boot); empty when the file is gone. */
    public java.util.Optional<RecoveredSegment> readSegment(Path p) throws IOException {
        if (!enabled() || !Files.exists(p)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(SegmentReader.read(p));
    }

    void syncDirectory() throws IOException {
        Fsync.directory(dir);
    }

    private List<Path> segmentFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jnl")) {
            ds.forEach(files::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        files.sort((a, b) -> {
            Matcher ma = SEGMENT.matcher(a.getFileName().toString());
            Matcher mb = SEGMENT.matcher(b.getFileName().toString());
            if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
                return Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
            }
            return a.getFileName().toString().compareTo(b.getFileName().toString());
        });
        return files;
    }

    /** Stops the group committer after a last group fsync. Segments still open stay on disk for recovery. */
    @Override
    public void close() {
        if (committer != null) {
            committer.close();
        }
    }

    /** Syncs and closes a segment that must survive (its buffer could not be flushed at shutdown). */
    public void closeSegment(JournalSegment segment) throws IOException {
        if (segment != null) {
            segment.syncTo(segment.appended());
            segment.closeKeep();
        }
    }
}
