package io.edgepublisher.publisher.naming;

import java.nio.file.Path;

/**
 * A watch-dir file after §3.2: at its canonical path, with the identity and the values its {@code tsd_info} row
 * needs.
 *
 * @param path       where it is now (the canonical name in the watch dir)
 * @param name       the canonical name, the name sent to operators
 * @param rows       non-empty lines of a JSON file, 0 for SQL
 * @param bytes      size on disk
 * @param nodeCreated written by this node (streamer, REST PUT, requeue), taken without the stability wait
 */
public record PreparedFile(Path path, String name, String dbms, String table, String source, String hash,
                           String instructions, String type, boolean compressed, int rows, long bytes,
                           boolean nodeCreated) {
}
