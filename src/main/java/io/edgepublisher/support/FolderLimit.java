package io.edgepublisher.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps a folder within a number of files and a number of bytes by deleting its oldest files (by modification time,
 * then name). Only regular files directly in the folder count; sub-folders, symbolic links and hidden files (the
 * temporary files of writers that are still writing) are left alone.
 */
public final class FolderLimit {
    /** What one {@link #enforce()} found and did. */
    public record Result(int files, long bytes, List<String> deleted, long deletedBytes) {
        public boolean trimmed() {
            return !deleted.isEmpty();
        }
    }

    private record Entry(Path path, String name, long modified, long size) {
    }

    private final Path dir;
    private final long maxFiles;
    private final long maxBytes;

    /**
     * @param maxFiles most files kept, 0 for no limit
     * @param maxBytes most bytes kept, 0 for no limit
     */
    public FolderLimit(Path dir, long maxFiles, long maxBytes) {
        if (maxFiles < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.dir = dir;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    public Path dir() {
        return dir;
    }

    public long maxFiles() {
        return maxFiles;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Deletes the oldest files until both limits hold. A file that disappears meanwhile (moved out by its owner) is
     * skipped. Safe to call from several threads.
     *
     * @return the folder before trimming and what was deleted
     * @throws IOException when the folder cannot be listed
     */
    public synchronized Result enforce() throws IOException {
        List<Entry> files = new ArrayList<>();
        long bytes = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (a.isRegularFile()) {
                    files.add(new Entry(p, name, a.lastModifiedTime().toMillis(), a.size()));
                    bytes += a.size();
                }
            }
        }
        int count = files.size();
        List<String> deleted = new ArrayList<>();
        long deletedBytes = 0;
        if (over(count, bytes)) {
            files.sort(Comparator.comparingLong(Entry::modified).thenComparing(Entry::name));
            long leftFiles = count;
            long leftBytes = bytes;
            for (Entry e : files) {
                if (!over(leftFiles, leftBytes)) {
                    break;
                }
                if (Files.deleteIfExists(e.path())) {
                    deleted.add(e.name());
                    deletedBytes += e.size();
                }
                leftFiles--;
                leftBytes -= e.size();
            }
        }
        return new Result(count, bytes, List.copyOf(deleted), deletedBytes);
    }

    private boolean over(long files, long bytes) {
        return (maxFiles > 0 && files > maxFiles) || (maxBytes > 0 && bytes > maxBytes);
    }
}
