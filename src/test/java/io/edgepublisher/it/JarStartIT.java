package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.FreshPostgres;
import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar starts on embedded defaults, answers get status and get processes, and stops on exit node. */
class JarStartIT {
    private static final Map<String, String> ANYLOG = Map.of("User-Agent", "AnyLog/1.23");

    @TempDir
    Path dir;

    @Test
    void jarBootsAnswersAndExits() throws Exception {
        int tcp = Ports.free();
        int rest = Ports.free();
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
            "NODE_NAME", "jar-test");
        try (JarProcess p = JarProcess.start(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
            RawHttp.Response status = waitForRest(rest, p);
            assertEquals(200, status.status());
            assertEquals("jar-test@127.0.0.1:" + tcp + " running", status.text());
            // REST answers from boot step 2 on; the scheduler row is complete once the script reached step 6, which
            // takes seconds on a loaded machine.
            RawHttp.Response processes = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "get processes"));
            for (long end = System.currentTimeMillis() + 60_000; !processes.text().contains("[1 (user)]")
                && System.currentTimeMillis() < end; ) {
                Thread.sleep(100);
                processes = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "get processes"));
            }
            assertTrue(processes.text().contains("\r\n    REST           |Running     |Listening on: 127.0.0.1:" + rest), processes.text());
            assertTrue(processes.text().contains("\r\n    Scheduler      |Running     |Schedulers IDs in use: [0 (system)] [1 (user)]"));
            assertTrue(Files.exists(dir.resolve("AnyLog-Network/data/dbms/almgm.dbms")), "SQLite almgm in the node home");
            for (String d : new String[] {"prep", "watch", "bkup", "error", "archive"}) {
                assertTrue(Files.isDirectory(dir.resolve("AnyLog-Network/data/" + d)), d);
            }
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "exit node 7"), null);
            assertEquals(7, p.waitFor(30), p.log());
        }
    }

    /**
     * The PostgreSQL driver loads from the shaded jar too: the bundled boot creates almgm.tsd_info on PostgreSQL. The
     * jar works in a fresh database of this test's own, served to it as almgm, so the table cannot be a leftover.
     */
    @Test
    void jarKeepsTsdInfoOnPostgres() throws Exception {
        int tcp = Ports.free();
        int rest = Ports.free();
        FreshPostgres db = FreshPostgres.create("ep_jar");
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1",
            "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest), "DB_TYPE", "psql",
            "DB_IP", "127.0.0.1", "DB_PORT", Integer.toString(db.relayAs("almgm")), "DB_USER", "postgres",
            "DB_PASSWD", "postgres");
        try (db; JarProcess p = JarProcess.start(dir, env, List.of("--no-cli", "--LEDGER_CONN="))) {
            waitForRest(rest, p);
            String exists = "";
            for (long end = System.currentTimeMillis() + 60_000; !exists.equals("true")
                && System.currentTimeMillis() < end; Thread.sleep(100)) {
                exists = RawHttp.get(rest, Map.of("User-Agent", "AnyLog/1.23", "command",
                    "info table almgm tsd_info exists")).text().trim();
            }
            assertEquals("true", exists, p.log());
            assertTrue(db.tableExists("tsd_info"), "created in the test's database\n" + p.log());
            assertFalse(Files.exists(dir.resolve("AnyLog-Network/data/dbms/almgm.dbms")), "not on SQLite");
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "exit node"), null);
            assertEquals(0, p.waitFor(30), p.log());
        }
    }

    @Test
    void missingScriptFileStopsTheBootWithError12() throws Exception {
        try (JarProcess p = JarProcess.start(dir, Map.of("EP_HOME", dir.toString()),
            List.of("--no-cli", "--script", dir.resolve("nope.al").toString()))) {
            assertEquals(1, p.waitFor(30));
            assertTrue(p.log().contains("error 12") && p.log().contains("nope.al"), p.log());
        }
    }

    @Test
    void fatalConfigurationStopsTheBoot() throws Exception {
        try (JarProcess p = JarProcess.start(dir, Map.of("EP_HOME", dir.toString(), "NODE_TYPE", "operator"),
            List.of("--no-cli"))) {
            assertEquals(1, p.waitFor(30));
            assertTrue(p.log().contains("Edge Publisher supports only NODE_TYPE=publisher"), p.log());
        }
    }

    /**
     * Every start logs its boot: the node is started again and again on fresh homes, and each run's standard error has
     * the boot lines, the ready line and the get processes table. (A start-up race once left about half the starts
     * with no output at all for their whole life.)
     */
    @Test
    void everyStartLogsItsBootOnStandardError() throws Exception {
        for (int run = 1; run <= 10; run++) {
            Path home = Files.createDirectories(dir.resolve("run-" + run));
            int tcp = Ports.free();
            int rest = Ports.free();
            Map<String, String> env = Map.of("EP_HOME", home.toString(), "LOCAL_IP", "127.0.0.1",
                "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
                "NODE_NAME", "jar-start-" + run);
            try (JarProcess p = JarProcess.startSplit(home, env, List.of("--no-cli", "--LEDGER_CONN="))) {
                waitForReady(rest, p);
                String err = "";
                for (long end = System.currentTimeMillis() + 10_000; !err.contains("    Kafka Consumer |")
                    && System.currentTimeMillis() < end; Thread.sleep(50)) {
                    err = p.stderr();
                }
                String where = "run " + run + " of 10, standard error:\n" + err;
                assertTrue(err.contains(" boot - Boot: running boot script (bundled)"), where);
                assertTrue(err.contains(" INFO  [jar-start-" + run + "] boot - Node jar-start-" + run + " ready in "),
                    where);
                assertTrue(err.contains("\r\n    Publisher      |Running     |"), where);
                assertTrue(err.contains("\r\n    Kafka Consumer |Not declared|"), where);
            }
        }
    }

    /** Waits until {@code /observe/health/ready} is UP: the boot script has finished. */
    static void waitForReady(int port, JarProcess p) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!p.process().isAlive()) {
                throw new AssertionError("node exited: " + p.log());
            }
            try {
                RawHttp.Response r = RawHttp.send(port, "GET", "/observe/health/ready", Map.of(), null);
                if (r.status() == 200) {
                    return;
                }
                last = r.status() + " " + r.text();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready: " + last + "\n" + p.log());
    }

    static RawHttp.Response waitForRest(int port, JarProcess p) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!p.process().isAlive()) {
                throw new AssertionError("node exited: " + p.log());
            }
            try {
                RawHttp.Response r = RawHttp.get(port, Map.of("User-Agent", "AnyLog/1.23", "command", "get status"));
                // The HTTP server listens a moment before its route is added: a 404 in that gap means "not yet".
                if (r.status() != 404) {
                    return r;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("REST did not answer: " + last + "\n" + p.log());
    }
}
