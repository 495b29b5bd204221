package io.edgepublisher.publisher.queue;

import io.edgepublisher.publisher.naming.PreparedFile;
import java.nio.file.Path;

/** Queue entries for the unit tests of the queue's parts. */
final class QueueFiles {
    private static long seq;

    private QueueFiles() {
    }

    static PreparedFile prepared(String table, int i) {
        String hash = String.format("%032x", (long) table.hashCode() * 1000 + i);
        String name = "mydb." + table + ".0." + hash + ".0.json";
        return new PreparedFile(Path.of("/watch").resolve(name), name, "mydb", table, "0", hash, "0", "json", false,
            1, 10, true);
    }

    /** A file first seen at {@code fileTime}. */
    static QueuedFile file(String table, int i, long fileTime) {
        return new QueuedFile(prepared(table, i), seq++, fileTime);
    }
}
