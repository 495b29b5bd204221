package io.edgepublisher.streamer;

import java.nio.file.Path;

/** Told about every file that lands in the watch dir, right after its directory fsync. Must not block. */
@FunctionalInterface
public interface FlushListener {
    void onFileFlushed(Path watchFile, String hash, int rows);
}
