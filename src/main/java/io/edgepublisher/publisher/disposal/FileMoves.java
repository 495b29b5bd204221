package io.edgepublisher.publisher.disposal;

import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Crash-safe file moves for the publisher (PUBLISHER.md §7.1): rename when possible; across file systems copy,
 * fsync, rename, then delete the source. Compression writes a temporary file next to the target, fsyncs and renames
 * it, and only then deletes the source, so a crash leaves either the source or the complete target.
 */
public final class FileMoves {
    private FileMoves() {
    }

    /** Moves {@code from} to {@code to}, replacing {@code to} (same name means same hash, hence same content). */
    public static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            // One atomic rename: a crash leaves the file in exactly one of the two places, so no directory fsync
            // is needed here (a lost rename only means the delivered file is disposed of again after a restart).
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            copy(from, to);
            Files.delete(from);
        }
    }

    /** {@link #move} followed by a directory fsync (renames inside the watch dir, PUBLISHER.md §3.2 step 6). */
    public static void moveDurably(Path from, Path to) throws IOException {
        move(from, to);
        Fsync.directoryIfSupported(to.getParent());
    }

    /** gzips {@code from} into {@code to} (temp file, fsync, rename), then deletes {@code from}. */
    public static void gzipMove(Path from, Path to) throws IOException {
        gzipCopy(from, to);
        Files.delete(from);
    }

    /** gzips {@code from} into {@code to} (temp file, fsync, rename); {@code from} stays. */
    public static void gzipCopy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        viaTemp(to, tmp -> {
            try (InputStream in = Files.newInputStream(from);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 65536)) {
                in.transferTo(out);
            }
        });
    }

    /** Writes the gunzipped content of {@code from} to {@code to} (temp, fsync, rename); {@code from} stays. */
    public static void gunzipCopy(Path from, Path to) throws IOException {
        viaTemp(to, tmp -> {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 65536);
                 OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
        });
    }

    /** Writes {@code content} to {@code to} (temp, fsync, rename), creating its directory. */
    public static void write(InputStream content, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        viaTemp(to, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.transferTo(out);
            }
        });
    }

    /** Copies (temp, fsync, rename); {@code from} stays. */
    public static void copy(Path from, Path to) throws IOException {
        viaTemp(to, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    private interface TempWriter {
        void write(Path tmp) throws IOException;
    }

    /**
     * Has {@code writer} fill the temporary file of {@code to}, then fsyncs and renames it over {@code to}. A write
     * that fails deletes the temporary file and leaves {@code to} as it was.
     */
    private static void viaTemp(Path to, TempWriter writer) throws IOException {
        Path tmp = temp(to);
        try {
            writer.write(tmp);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Fsync.replace(tmp, to);
    }

    /** A hidden temporary name next to {@code target}: watchers ignore names starting with a dot. */
    static Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }
}
