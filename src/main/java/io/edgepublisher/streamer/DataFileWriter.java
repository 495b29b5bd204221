package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.support.Fsync;
import io.edgepublisher.support.PathText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe placement of a data file (INTAKE.md §5.4 steps 3 and 5, §6.5): write it in the prep dir, fsync it,
 * rename it into the destination, fsync the destination directory. A failure leaves nothing behind: the prep file is
 * deleted (a full disk must not also fill up with half-written copies), the destination is untouched, and the caller
 * keeps its rows for the next try. Failures are not logged here: the caller reports them once per state change.
 */
public final class DataFileWriter {
    /** Same-named writes (identical content from two PUT requests) must not interleave in the prep dir. */
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private DataFileWriter() {
    }

    /**
     * Writes {@code content[0, len)} as {@code dest/name}.
     *
     * @return the final path
     * @throws CommandException 48 when any step fails, naming the file (not its folder) and the reason
     */
    public static Path write(StreamerDirs dirs, Path dest, String name, byte[] content, int len) {
        Path prep = dirs.prep().resolve(name);
        synchronized (STRIPES[Math.floorMod(name.hashCode(), STRIPES.length)]) {
            try {
                try (FileChannel ch = FileChannel.open(prep, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(content, 0, len);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                return place(prep, dest, name);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(prep);
                throw failure(name, e);
            }
        }
    }

    /**
     * Renames a complete, fsync'd file into {@code dest/name} and fsyncs {@code dest}. A file of the same name has the
     * same hash, hence the same content: replacing it is harmless.
     */
    static Path place(Path written, Path dest, String name) throws IOException {
        Path target = dest.resolve(name);
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(dest);
        return target;
    }

    /** The 48 error of a data file that could not be written. */
    static CommandException failure(String name, Throwable e) {
        return new CommandException(ErrorCode.FILE_WRITE, "Failed to write '" + name + "': " + PathText.reason(e), e);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException ignored) {
            // nothing else to do: the caller still holds the rows
        }
    }
}
