package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The data files of the buffers: written through {@link DataFileWriter} (prep, fsync, rename) into the watch dir, or
 * the error dir for error buffers, or placed when already written; every outcome is reported to the
 * {@link StorageGuard}, which logs a failing state once.
 */
final class DataFiles {
    private final Supplier<StreamerDirs> dirs;
    private final Supplier<StorageGuard> storage;

    DataFiles(Supplier<StreamerDirs> dirs, Supplier<StorageGuard> storage) {
        this.dirs = dirs;
        this.storage = storage;
    }

    /**
     * Writes {@code content[0, len)} as the data file of {@code key}.
     *
     * @throws CommandException 48 naming the file and the reason; nothing is left behind
     */
    FlushedFile write(BufferKey key, byte[] content, int len, int rows) {
        String hash = DataHash.md5(key.dbms(), key.table(), content, 0, len);
        String name = DataFileName.of(key, hash);
        StreamerDirs d = dirs.get();
        Path path;
        try {
            path = DataFileWriter.write(d, key.isError() ? d.err() : d.watch(), name, content, len);
        } catch (CommandException e) {
            storage.get().writeFailed("data file " + name, e.getCause() != null ? e.getCause() : e);
            throw e;
        }
        storage.get().writeSucceeded();
        return new FlushedFile(key, path, hash, rows);
    }

    /**
     * Renames a complete, fsync'd file of rows into the watch dir under its data file name.
     *
     * @throws CommandException 48 when the rename fails ({@code written} is left to the caller)
     */
    FlushedFile place(BufferKey key, Path written, String hash, int rows) {
        String name = DataFileName.of(key, hash);
        Path path;
        try {
            path = DataFileWriter.place(written, dirs.get().watch(), name);
        } catch (IOException | RuntimeException e) {
            storage.get().writeFailed("data file " + name, e);
            throw DataFileWriter.failure(name, e);
        }
        storage.get().writeSucceeded();
        return new FlushedFile(key, path, hash, rows);
    }
}
