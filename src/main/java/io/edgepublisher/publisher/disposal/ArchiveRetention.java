package io.edgepublisher.publisher.disposal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISHER.md §7.3: deletes archived files whose {@code YY/MM/DD} date directory is older than N days, and the date
 * directories this empties. Used daily by the system scheduler ({@code archive_days}) and by
 * {@code delete archive where days = <n>}.
 */
public final class ArchiveRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRetention.class);

    private ArchiveRetention() {
    }

    /** Deletes files of date directories before {@code today − days}; returns how many files were deleted. */
    public static int deleteOlderThan(Path archive, int days, LocalDate today) throws IOException {
        LocalDate limit = today.minusDays(days);
        int deleted = 0;
        for (Path yy : dirs(archive)) {
            for (Path mm : dirs(yy)) {
                for (Path dd : dirs(mm)) {
                    LocalDate date = date(yy, mm, dd);
                    if (date == null || !date.isBefore(limit)) {
                        continue;
                    }
                    deleted += deleteTree(dd);
                }
                removeIfEmpty(mm);
            }
            removeIfEmpty(yy);
        }
        if (deleted > 0) {
            LOG.info("Archive retention: {} files older than {} days deleted from {}", deleted, days, archive);
        }
        return deleted;
    }

    private static LocalDate date(Path yy, Path mm, Path dd) {
        try {
            return LocalDate.of(2000 + Integer.parseInt(yy.getFileName().toString()),
                Integer.parseInt(mm.getFileName().toString()), Integer.parseInt(dd.getFileName().toString()));
        } catch (RuntimeException e) {
            return null; // not a date directory: never touched
        }
    }

    private static List<Path> dirs(Path p) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(p)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            for (Path c : s) {
                if (Files.isDirectory(c) && c.getFileName().toString().matches("\\d{2}")) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static int deleteTree(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path c : s) {
                if (Files.isDirectory(c)) {
                    n += deleteTree(c);
                } else {
                    Files.deleteIfExists(c);
                    n++;
                }
            }
        }
        Files.deleteIfExists(dir);
        return n;
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            if (s.iterator().hasNext()) {
                return;
            }
        }
        Files.deleteIfExists(dir);
    }
}
