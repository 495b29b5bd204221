package io.edgepublisher.wire;

import io.edgepublisher.support.Fsync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an incoming file the way PROTOCOL.md §7.2/§7.3 require: into {@code <target>.transfer} (truncated on block
 * 1), then on the last block fsync, rename over {@code <target>} and fsync the directory, so watchers never see a
 * partial file and a crash never leaves a renamed but empty one. {@link #abort()} deletes the {@code .transfer}.
 *
 * <p>It does not decide whether a file may be written: the {@link FileWriteSinkFactory} checks names and senders
 * (§8.3) before creating one.
 */
public final class TransferFileSink implements FileWriteSink {
    /** Suffix of files being received; watchers ignore them. */
    public static final String SUFFIX = ".transfer";

    private final Path target;
    private final Path transfer;
    private final boolean fsync;
    private final FileChannel channel;
    private long bytes;

    /**
     * @param target the final path; its directory must exist
     * @param fsync  true to force data and directory entries to disk (what the node does); tests may skip it
     */
    public TransferFileSink(Path target, boolean fsync) throws IOException {
        this.target = target;
        this.transfer = target.resolveSibling(target.getFileName() + SUFFIX);
        this.fsync = fsync;
        this.channel = FileChannel.open(transfer, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void append(ByteBuffer payload) throws IOException {
        while (payload.hasRemaining()) {
            bytes += channel.write(payload);
        }
    }

    @Override
    public void complete() throws IOException {
        try (channel) {
            if (fsync) {
                channel.force(true);
            }
        }
        try {
            Files.move(transfer, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(transfer, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (fsync) {
            Fsync.directoryIfSupported(target.toAbsolutePath().getParent());
        }
    }

    @Override
    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            Files.deleteIfExists(transfer);
        } catch (IOException ignored) {
            // best effort: a stale .transfer is ignored by watchers and truncated by the next transfer
        }
    }

    /** The final path. */
    public Path target() {
        return target;
    }

    /** Bytes written so far. */
    public long bytes() {
        return bytes;
    }
}
