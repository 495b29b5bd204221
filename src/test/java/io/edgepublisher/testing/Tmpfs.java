package io.edgepublisher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder of its own on the small tmpfs named by {@code EP_TEST_TMPFS} (CI mounts one: 8–16 MB), for tests of a
 * full disk on a real file system. The test fails — never skips — when the variable is unset or not a tmpfs. The
 * folder and everything in it are deleted by {@link #close}, so tests sharing the mount do not see each other.
 */
public final class Tmpfs implements AutoCloseable {
    public static final String ENV = "EP_TEST_TMPFS";
    private static final long MAX_SIZE = 64L << 20;

    private final Path dir;
    private final FileStore store;
    private Path filler;

    private Tmpfs(Path dir, FileStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** A fresh folder on the test tmpfs; fails the test when there is none. */
    public static Tmpfs open(String name) throws IOException {
        String root = System.getenv(ENV);
        if (root == null || root.isBlank()) {
            throw new AssertionError(ENV + " is not set. The disk-full tests need a small tmpfs (8-16 MB), e.g. as root:"
                    + " mkdir -p /mnt/ep-tmpfs && mount -t tmpfs -o size=16m tmpfs /mnt/ep-tmpfs && export " + ENV
                    + "=/mnt/ep-tmpfs (.ci/run does this)");
        }
        Path r = Path.of(root);
        if (!Files.isDirectory(r)) {
            throw new AssertionError(ENV + "=" + root + " is not a directory");
        }
        FileStore fs = Files.getFileStore(r);
        if (!"tmpfs".equals(fs.type())) {
            throw new AssertionError(ENV + "=" + root + " is on a " + fs.type() + " file system, not a tmpfs: mount one"
                    + " there (mount -t tmpfs -o size=16m tmpfs " + root + ")");
        }
        if (fs.getTotalSpace() > MAX_SIZE) {
            throw new AssertionError(ENV + "=" + root + " is a tmpfs of " + (fs.getTotalSpace() >> 20) + " MB; these"
                    + " tests fill it, so it must be at most 64 MB (8-16 MB is right)");
        }
        Path dir = Files.createTempDirectory(r, name + "-");
        return new Tmpfs(dir, fs);
    }

    public Path dir() {
        return dir;
    }

    /** Free bytes of the file system. */
    public long free() throws IOException {
        return store.getUsableSpace();
    }

    public long total() throws IOException {
        return store.getTotalSpace();
    }

    /** Writes a filler file until about {@code leave} bytes are free (real pages: a tmpfs has no sparse credit). */
    public void fillLeaving(long leave) throws IOException {
        if (filler == null) {
            filler = dir.resolve("filler");
        }
        long toWrite = free() - leave;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (toWrite > 0) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), toWrite));
                try {
                    toWrite -= ch.write(chunk);
                } catch (IOException e) {
                    break; // full already
                }
            }
        }
    }

    /** Deletes the filler: the space is back. */
    public void unfill() throws IOException {
        if (filler != null) {
            Files.deleteIfExists(filler);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
