package io.edgepublisher.streamer;

import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Directories and a {@link StreamingBuffers} under a test's temporary directory. */
final class StreamerFixture {
    final Path root;
    final StreamerDirs dirs;
    final Path journalDir;
    final MutableClock clock = new MutableClock(1_714_564_800_000L);
    final ThresholdTable thresholds = new ThresholdTable();

    StreamerFixture(Path root) throws IOException {
        this.root = root;
        this.dirs = new StreamerDirs(Files.createDirectories(root.resolve("prep")),
                Files.createDirectories(root.resolve("watch")), Files.createDirectories(root.resolve("err")));
        this.journalDir = root.resolve("journal");
    }

    StreamingBuffers open(JournalMode mode) throws IOException {
        return new StreamingBuffers(dirs, Journal.open(journalDir, mode), thresholds, clock);
    }

    /** Files of a directory, name → content. */
    static TreeMap<String, String> files(Path dir) {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name an uninterrupted flush gives {@code content}. */
    static String nameOf(BufferKey key, String content) {
        return DataFileName.of(key, DataHash.md5(key.dbms(), key.table(), content.getBytes(StandardCharsets.UTF_8)));
    }
}
