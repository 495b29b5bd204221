package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node writes nothing outside its home: sqlite-jdbc's native library (extracted on the first SQLite connection)
 * lies in the node's {@code data/tmp}, the system temporary directory stays empty even after {@code kill -9}, and the
 * copy a killed run left in {@code data/tmp} is removed by the next start.
 */
class TempFilesIT {
    @TempDir
    Path dir;

    @Test
    void aStartLeavesNothingInTheSystemTemporaryDirectory() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path systemTmp = Files.createDirectories(dir.resolve("system-tmp"));
        Path nodeTmp = home.resolve("AnyLog-Network/data/tmp");
        int rest = Ports.free();
        Map<String, String> env = Map.of("EP_HOME", home.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(Ports.free()), "ANYLOG_REST_PORT", Integer.toString(rest),
            "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + systemTmp);

        try (JarProcess p = JarProcess.start(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
            awaitSqlite(rest, p);
            assertEquals(List.of(), list(systemTmp), "system temporary directory while the node runs");
            assertEquals(2, sqliteFiles(nodeTmp).size(), "the library and its .lck in data/tmp: " + list(nodeTmp));
            p.kill9();
        }
        assertEquals(List.of(), list(systemTmp), "system temporary directory after kill -9");
        List<String> killed = sqliteFiles(nodeTmp);
        assertEquals(2, killed.size(), "kill -9 leaves the pair in data/tmp: " + killed);

        try (JarProcess p = JarProcess.start(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
            awaitSqlite(rest, p);
            List<String> now = sqliteFiles(nodeTmp);
            assertEquals(2, now.size(), "only this run's pair: " + now);
            assertTrue(now.stream().noneMatch(killed::contains), "the killed run's pair is gone: " + now);
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "exit node"), null);
            assertEquals(0, p.waitFor(60), p.log());
        }
        assertEquals(List.of(), list(systemTmp), "system temporary directory after exit node");
    }

    /** Waits until the bundled boot connected almgm on SQLite, which loads the native library. */
    private static void awaitSqlite(int rest, JarProcess p) throws Exception {
        String exists = "";
        for (long end = System.currentTimeMillis() + 90_000; !exists.equals("true")
            && System.currentTimeMillis() < end && p.process().isAlive(); Thread.sleep(200)) {
            try {
                exists = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command",
                    "info table almgm tsd_info exists")).text().trim();
            } catch (IOException e) {
                // REST not listening yet
            }
        }
        assertEquals("true", exists, p.log());
    }

    private static List<String> sqliteFiles(Path dir) throws IOException {
        return list(dir).stream().filter(n -> n.startsWith("sqlite-") && n.contains("libsqlitejdbc")).toList();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
