package io.edgepublisher.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps sqlite-jdbc's native library inside the node's folders. The driver extracts
 * {@code sqlite-<version>-<uuid>-libsqlitejdbc.so} and a {@code .lck} file into {@code org.sqlite.tmpdir} (else the
 * system temporary directory) on its first connection and deletes them only at an orderly JVM exit, so every
 * {@code kill -9} left a pair behind in {@code /tmp}. Pointed at {@code !tmp_dir}, the pair stays in the node home,
 * and the copies an earlier run of this node left there are removed at start.
 */
public final class SqliteNativeFolder {
    /** sqlite-jdbc's system property for the extraction folder. */
    public static final String PROPERTY = "org.sqlite.tmpdir";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeFolder.class);
    private static final String GLOB = "sqlite-*libsqlitejdbc*";

    private SqliteNativeFolder() {
    }

    /**
     * Makes {@code tmpDir} the extraction folder and deletes earlier extractions there. The property is JVM-wide and
     * read once, when the driver loads its library; a node is one JVM, so the node that starts first decides.
     *
     * <p>Deleting a library this JVM already loaded is harmless: the mapping outlives the directory entry.
     *
     * @return how many leftover files were deleted
     */
    public static int use(Path tmpDir) {
        System.setProperty(PROPERTY, tmpDir.toAbsolutePath().toString());
        int deleted = 0;
        try (DirectoryStream<Path> old = Files.newDirectoryStream(tmpDir, GLOB)) {
            for (Path p : old) {
                if (Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove old SQLite native libraries from {}: {}", tmpDir, e.toString());
        }
        if (deleted > 0) {
            LOG.debug("Removed {} SQLite native library files an earlier run left in {}", deleted, tmpDir);
        }
        return deleted;
    }
}
