package io.edgepublisher.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oldest files go first until both the file count and the byte count are within the limits. */
class FolderLimitTest {
    @TempDir
    Path dir;

    @Test
    void theOldestFilesGoUntilTheCountFits() throws Exception {
        file("c.json", 10, 3_000);
        file("a.json", 10, 1_000);
        file("b.json", 10, 2_000);
        file("d.json", 10, 4_000);
        file("e.json", 10, 4_000); // same time as d: the name decides
        FolderLimit.Result r = new FolderLimit(dir, 3, 0).enforce();
        assertEquals(5, r.files());
        assertEquals(50, r.bytes());
        assertEquals(List.of("a.json", "b.json"), r.deleted());
        assertEquals(20, r.deletedBytes());
        assertEquals(List.of("c.json", "d.json", "e.json"), names());
        assertFalse(new FolderLimit(dir, 3, 0).enforce().trimmed(), "within the limit: nothing more goes");
    }

    @Test
    void theOldestFilesGoUntilTheBytesFit() throws Exception {
        file("old.json", 600, 1_000);
        file("mid.json", 300, 2_000);
        file("new.json", 300, 3_000);
        FolderLimit.Result r = new FolderLimit(dir, 10, 700).enforce();
        assertEquals(List.of("old.json"), r.deleted());
        assertEquals(List.of("mid.json", "new.json"), names());
        r = new FolderLimit(dir, 10, 599).enforce();
        assertEquals(List.of("mid.json"), r.deleted());
        assertEquals(List.of("new.json"), names());
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        for (int i = 0; i < 5; i++) {
            file("f" + i, 100, 1_000 + i);
        }
        assertFalse(new FolderLimit(dir, 0, 0).enforce().trimmed());
        assertEquals(5, names().size());
    }

    @Test
    void subFoldersLinksAndHiddenFilesAreLeftAlone() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/inner.json"), "x".repeat(100));
        Path writing = file(".a.json.tmp", 100, 1);
        Path target = file("target.json", 1, 5_000);
        Files.createSymbolicLink(dir.resolve("link.json"), target);
        file("old.json", 1, 2_000);
        FolderLimit.Result r = new FolderLimit(dir, 1, 0).enforce();
        assertEquals(2, r.files(), "old.json and target.json count");
        assertEquals(List.of("old.json"), r.deleted());
        assertEquals(List.of(".a.json.tmp", "link.json", "sub", "target.json"), names());
        assertEquals(100, Files.size(writing));
    }

    private Path file(String name, int size, long modifiedMillis) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "x".repeat(size));
        Files.setLastModifiedTime(p, FileTime.fromMillis(modifiedMillis));
        return p;
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
