package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe placement of a data file (INTAKE.md §5.4 steps 3 and 5, §6.5): write it in the prep dir, fsync it,
 * rename it into the destination, fsync the destination directory. A failure leaves nothing half-written in the
 * destination; a prep file that was created is moved to the error dir as {@code <name>.err_48}.
 */
public final class DataFileWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DataFileWriter.class);
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
     * @throws CommandException 48 when any step fails
     */
    public static Path write(StreamerDirs dirs, Path dest, String name, byte[] content, int len) {
        Path prep = dirs.prep().resolve(name);
        Path target = dest.resolve(name);
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
                // A file of the same name has the same hash, hence the same content: replacing it is harmless.
                Files.move(prep, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Fsync.directory(dest);
                return target;
            } catch (IOException | RuntimeException e) {
                quarantine(dirs, prep, name);
                LOG.error("Failed to write data file {}: {}", name, e.toString());
                throw new CommandException(ErrorCode.FILE_WRITE, "Failed to write '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    private static void quarantine(StreamerDirs dirs, Path prep, String name) {
        if (!Files.exists(prep)) {
            return;
        }
        try {
            Files.move(prep, dirs.err().resolve(name + ".err_" + ErrorCode.FILE_WRITE.code()),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot move {} to the error dir ({}); deleting it", prep, e.toString());
            try {
                Files.deleteIfExists(prep);
            } catch (IOException ignored) {
                // nothing else to do: the buffer and its journal are intact
            }
        }
    }
}
