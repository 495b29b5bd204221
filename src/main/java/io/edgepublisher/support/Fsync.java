package io.edgepublisher.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** fsync of a file's content, and of a directory so that a file created or renamed in it survives a crash. */
public final class Fsync {
    private Fsync() {
    }

    /**
     * Puts a fully written temporary file in place: fsync it, rename it atomically over {@code target}, then fsync the
     * target's directory where the file system allows it. A crash leaves the old target or the complete new one.
     */
    public static void replace(Path tmp, Path target) throws IOException {
        file(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        directoryIfSupported(target.toAbsolutePath().getParent());
    }

    /** Forces the content and metadata of an existing file to disk. */
    public static void file(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces a directory's entries to disk; fails when the directory cannot be opened or synced. */
    public static void directory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * As {@link #directory}, for callers where a rename that already happened is durable enough when the platform or
     * file system cannot open or sync a directory: such failures are ignored. A null directory is ignored too.
     */
    public static void directoryIfSupported(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            directory(dir);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened or synced; the rename itself is atomic
        }
    }
}
