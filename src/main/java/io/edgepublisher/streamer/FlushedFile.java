package io.edgepublisher.streamer;

import java.nio.file.Path;

/** A data file written by a flush or a REST PUT {@code mode: file}: its final path, hash and row count. */
public record FlushedFile(BufferKey key, Path path, String hash, int rows) {
    public String name() {
        return path.getFileName().toString();
    }
}
