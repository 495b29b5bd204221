package io.edgepublisher.publisher.watch;

import java.nio.file.Path;

/**
 * A watch-dir file ready to be taken in.
 *
 * @param nodeCreated written by this node: taken without the stability wait (§3.1)
 * @param rowsHint    row count told by the writer, or -1
 * @param mtime       modification time seen by discovery (epoch ms), 0 for node files (their arrival order counts)
 */
public record Candidate(Path path, boolean nodeCreated, int rowsHint, long mtime) {
    public Candidate(Path path, boolean nodeCreated, int rowsHint) {
        this(path, nodeCreated, rowsHint, 0);
    }
}
