package io.edgepublisher.publisher.disposal;

import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.naming.PreparedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * PUBLISHER.md §7.1: after acceptance a file is deleted ({@code delete_<type>}), archived into
 * {@code !archive_dir/YY/MM/DD/} ({@code archive_<type>}), or moved to {@code bkup_dir}; the kept copy is gzip'd with
 * {@code compress_<type>} unless already compressed. An existing target is replaced (same name, same hash).
 */
public final class Disposer {
    private final PublisherConfig cfg;

    public Disposer(PublisherConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * Disposes of the file accepted at {@code acceptedAt}.
     *
     * @return the kept copy, or null when the file was deleted or was already gone
     * @throws IOException when the file could not be moved (it then stays in the watch dir, §7.1)
     */
    public Path dispose(PreparedFile f, Instant acceptedAt) throws IOException {
        String type = f.type();
        if (!Files.exists(f.path())) {
            return null;
        }
        if (cfg.delete(type)) {
            Files.deleteIfExists(f.path());
            return null;
        }
        boolean gz = cfg.compress(type) && !f.compressed();
        Path dir = cfg.archive(type) ? dateDir(cfg.archiveDir(), acceptedAt) : cfg.bkupDir();
        Path target = dir.resolve(gz ? f.name() + ".gz" : f.name());
        if (gz) {
            FileMoves.gzipMove(f.path(), target);
        } else {
            FileMoves.move(f.path(), target);
        }
        return target;
    }

    /** {@code <archive>/YY/MM/DD} of the UTC date. */
    public static Path dateDir(Path archive, Instant at) {
        ZonedDateTime d = at.atZone(ZoneOffset.UTC);
        return archive.resolve(two(d.getYear() % 100)).resolve(two(d.getMonthValue())).resolve(two(d.getDayOfMonth()));
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
