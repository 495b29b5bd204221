package io.edgepublisher.node;

import io.edgepublisher.config.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads SQLite's native library while Camel starts, so that the boot script's {@code connect dbms} finds it loaded:
 * sqlite-jdbc extracts it from the jar into the temporary folder and compares it byte by byte on every start, a
 * noticeable part of the boot's CPU on the main thread. Only for nodes whose {@code db_type} is sqlite.
 */
final class SqlitePreload {
    private static final Logger LOG = LoggerFactory.getLogger(SqlitePreload.class);

    private SqlitePreload() {
    }

    static void start(Dictionary dictionary) {
        if (!"sqlite".equals(dictionary.get("db_type"))) {
            return;
        }
        // A private thread on purpose: it runs before the Camel context (and its thread pools) exists and ends after
        // one call. A failure here only means connect dbms loads the library itself (and reports any error).
        Thread t = new Thread(() -> {
            try {
                org.sqlite.SQLiteJDBCLoader.initialize();
            } catch (Exception | LinkageError e) {
                LOG.debug("SQLite native library not preloaded", e);
            }
        }, "sqlite-preload");
        t.setDaemon(true);
        t.start();
    }
}
