package io.edgepublisher.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.EnvImport;
import io.edgepublisher.config.Settings;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data/error is bounded in files and bytes (EP_ERR_DIR_MAX_FILES, EP_ERR_DIR_MAX_SIZE), the oldest files going
 * first, whoever put them there: at start, and while the node runs.
 */
class ErrorDirLimitTest {
    @TempDir
    Path home;

    @Test
    void theErrorDirKeepsOnlyItsNewestFilesWithinTheLimits() throws Exception {
        Path err = Files.createDirectories(home.resolve("AnyLog-Network/data/error"));
        for (int i = 1; i <= 6; i++) {
            file(err, "t" + i + ".json.err_48", i);
        }
        try (TestNode node = TestNode.start(home, Map.of("EP_ERR_DIR_MAX_FILES", "4", "EP_ERR_DIR_MAX_SIZE", "3KB"),
            "")) {
            // 4 files would be 4,000 bytes: the 3 KB limit keeps the newest 3
            awaitNames(err, List.of("t4.json.err_48", "t5.json.err_48", "t6.json.err_48"));
            file(err, "t7.json.err_48", 7);
            file(err, "t8.json.err_48", 8);
            awaitNames(err, List.of("t6.json.err_48", "t7.json.err_48", "t8.json.err_48"));
            assertEquals("4", node.node().dictionary().get("err_dir_max_files"));
        }
    }

    @Test
    void defaultsAndBadValues() {
        List<String> warnings = new ArrayList<>();
        Dictionary d = new Dictionary();
        warnings.addAll(EnvImport.apply(Settings.of(Map.of(), Map.of(), Map.of()), d, "host"));
        assertEquals("10000", d.get("err_dir_max_files"));
        assertEquals("1GB", d.get("err_dir_max_size"));
        d = new Dictionary();
        warnings.addAll(EnvImport.apply(Settings.of(Map.of(), Map.of("EP_ERR_DIR_MAX_FILES", "many",
            "EP_ERR_DIR_MAX_SIZE", "huge"), Map.of()), d, "host"));
        assertEquals("10000", d.get("err_dir_max_files"));
        assertEquals("1GB", d.get("err_dir_max_size"));
        assertTrue(warnings.contains("EP_ERR_DIR_MAX_FILES=many is not an integer; using 10000"), warnings.toString());
        assertTrue(warnings.contains("EP_ERR_DIR_MAX_SIZE=huge is not a size; using 1GB"), warnings.toString());
    }

    /** A 1,000-byte file modified {@code second} seconds after the epoch (older files have smaller numbers). */
    private static void file(Path dir, String name, int second) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "x".repeat(1000));
        Files.setLastModifiedTime(p, FileTime.fromMillis(second * 1000L));
    }

    /** Waits for the folder to hold exactly {@code expected}; the check runs every 5 s. */
    private static void awaitNames(Path dir, List<String> expected) throws Exception {
        List<String> now = names(dir);
        for (long end = System.currentTimeMillis() + 30_000; !now.equals(expected) && System.currentTimeMillis() < end;
            now = names(dir)) {
            Thread.sleep(100);
        }
        assertEquals(expected, now);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
