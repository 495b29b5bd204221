package io.edgepublisher.publisher;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.testing.OperatorSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher in a booted node: commands, preconditions and their codes, get processes, get publisher. */
class PublisherNodeTest {
    static final String SCRIPT = "# publisher tests: each test starts what it needs\n";

    @TempDir
    Path home;

    /** The node's TCP server: operators' echoes come back to it, and it is a precondition of the publisher. */
    static void tcpServer(TestNode n) {
        n.ok("run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port");
    }

    /** The address {@code get publisher summary} names the node with. */
    static String address(TestNode n) {
        SourceAddress a = Beans.find(n.node(), SourceAddress.class);
        return (a.external() != null ? a.external() : a.internal()).toString();
    }

    static int code(TestNode n, String line) {
        CommandResult r = n.exec(line);
        return r.code();
    }

    @Test
    void preconditionsInTheSpecOrder() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            assertEquals(2, code(n, "run publisher where bogus = 1"));
            assertEquals("Unknown key 'bogus' in 'run publisher'", n.exec("run publisher where bogus = 1").detail());
            assertEquals(2, code(n, "run publisher where retry_min = 10 seconds and retry_max = 5 seconds"));
            assertEquals(2, code(n, "run publisher where threads = 0"));
            assertEquals(2, code(n, "run publisher where compress_json = maybe"));
            assertEquals(2, code(n, "run publisher where dbms_name = 3"));
            assertEquals(2, code(n, "run publisher where no_route_timeout = 5"));
            assertEquals(2, code(n, "run publisher where new_table_cluster = sometimes"));
            assertEquals("Key 'new_table_cluster' in 'run publisher' needs wait or auto, got 'sometimes'",
                n.exec("run publisher where new_table_cluster = sometimes").detail());
            assertEquals(78, code(n, "run publisher where watch_dir = relative/watch"));
            assertEquals(135, code(n, "run publisher"));
            {
                tcpServer(n);
                assertEquals(117, code(n, "run publisher"));
                n.ok("connect dbms almgm where type = sqlite");
                assertEquals(35, code(n, "run publisher where watch_dir = " + home.resolve("missing")));
                n.ok("run publisher where error_dir = !err_dir and dbms_name = file_name[0] and table_name = "
                    + "file_name[-5] and master_node = 10.0.0.2:32048 and company = acme and move_json = false");
                assertTrue(n.ok("info table almgm tsd_info exists").contains("true"), "created by run publisher");
                assertEquals(136, code(n, "run publisher"));
                assertTrue(n.ok("get processes").contains("Publisher      |Running     |"));
                String cfg = n.ok("get publisher config where format = json");
                assertTrue(cfg.startsWith("{\"status\": \"Active\", \"operational time\": \""), cfg);
                assertTrue(cfg.contains("\"table_name\": \"file_name[-5]\", \"compress_transit\": false, "
                    + "\"no_route_timeout\": \"86400 seconds\", \"retry_min\": \"1 seconds\", \"retry_max\": "
                    + "\"300 seconds\", \"retry_limit\": 0, \"ack_wait\": \"10 seconds\", \"threads\": 4, "
                    + "\"archive_days\": 0, \"new_table_cluster\": \"wait\"}"), cfg);
                assertTrue(cfg.contains("\"company\": \"acme\", \"master_node\": \"10.0.0.2:32048\""), cfg);
                n.ok("exit publisher");
                assertTrue(n.ok("get processes").contains("Publisher      |Not declared|"));
                assertEquals(2, code(n, "exit publisher"));
                assertTrue(n.ok("get publisher").startsWith("\r\n\nStats: PUBLISHER CONFIG\r\nOption"));
            }
        }
    }

    @Test
    void deliversAndReportsGetPublisher() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            tcpServer(n);
            n.ok("connect dbms almgm where type = sqlite");
            n.ok("set data distribution where dbms = mydb and table = sensor and dest = " + sink.address());
            n.ok("run publisher where ack_wait = 0 seconds and archive_json = true and compress_json = true");
            Path watch = Path.of(n.node().dictionary().get("watch_dir"));
            Path prep = Path.of(n.node().dictionary().get("prep_dir"));
            String content = "{\"v\": 1}\n{\"v\": 2}\n";
            String hash = DataHash.md5("mydb", "sensor", content.getBytes(StandardCharsets.UTF_8));
            Files.writeString(prep.resolve("mydb.sensor.json"), content);
            Files.move(prep.resolve("mydb.sensor.json"), watch.resolve("mydb.sensor.json"));
            String name = "mydb.sensor.0." + hash + ".0.json";
            assertTrue(sink.awaitFile(name, Duration.ofSeconds(15)).isPresent(), "foreign file taken when stable");
            assertTrue(Harness.await(() -> n.ok("get publisher summary where format = json")
                .contains("\"total files\": 1"), Duration.ofSeconds(10)));
            String dest = sink.address().toString();
            assertEquals("{\"mydb\": {\"sensor\": {\"" + dest + "\": [1, 0, \"\"]}}}",
                n.ok("get publisher files where format = json"));
            String pad = " ".repeat(dest.length() - "Destination".length());
            assertEquals("\r\n\nStats: PUBLISHER FILES"
                + "\r\nDBMS Table  Destination" + pad + " Files Errors Err Message "
                + "\r\n----|------|" + "-".repeat(dest.length()) + "|-----|------|-----------|"
                + "\r\nmydb|sensor|" + dest + "|    1|     0|           |\r\n", n.ok("get publisher"));
            assertTrue(n.ok("get publisher distribution where format = json").matches("\\[\\{\"dbms\": \"mydb\", \"table\": "
                + "\"sensor\", \"destination\": \"" + dest + "\", \"files\": 1, \"errors\": 0, \"last_sent\": "
                + "\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\"}]"));
            assertTrue(n.ok("get publisher distribution").startsWith("\r\nData Distribution\r\nDBMS Table  Destination"));
            String summary = n.ok("get publisher summary");
            assertTrue(summary.startsWith("\r\n\nStats: PUBLISHER SUMMARY\r\nNode name"), summary);
            assertTrue(summary.contains("|Active|"), summary);
            String json = n.ok("get publisher summary where format = json");
            assertTrue(json.startsWith("{\"node name\": \"AnyLog@" + address(n) + "\", \"status\": "
                + "\"Active\", \"operational time\": \""), json);
            assertTrue(json.contains("\"new files\": 0, \"total files\": 1, \"new errors\": 0, \"total errors\": 0}"),
                "the previous call took the new file: " + json);
            assertTrue(Harness.await(() -> n.ok("get publisher queue where format = json").equals("[]"),
                Duration.ofSeconds(10)), "the queue empties once the file is archived");
            assertTrue(n.ok("get publisher queue").startsWith("\r\n\nStats: PUBLISHER QUEUE\r\nDBMS Table Queued"
                + " In Flight Waiting Route Backoff Pinned Oldest Next Attempt Last Error "));
            CommandResult bad = n.exec("get publisher foo");
            assertEquals(2, bad.code());
            assertEquals("No statistics on topic 'foo' in service 'publisher'", bad.detail());
            Path archive = Path.of(n.node().dictionary().get("archive_dir"));
            assertTrue(Harness.await(() -> Harness.listing(archive).keySet().stream()
                .anyMatch(k -> k.endsWith(name + ".gz")), Duration.ofSeconds(10)));
        }
    }

    @Test
    void everyOptionReachesTheConfig() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            tcpServer(n);
            n.ok("connect dbms almgm where type = sqlite");
            String err = n.node().dictionary().get("err_dir");
            n.ok("run publisher where watch_dir = !watch_dir and bkup_dir = !bkup_dir and err_dir = " + err
                + " and delete_json = true and delete_sql = true and compress_json = true and compress_sql = true"
                + " and archive_json = true and archive_sql = true and move_json = true and company = \"New Co\""
                + " and master_node = 10.0.0.2:32048 and dbms_name = file_name[1] and table_name = file_name[-2]"
                + " and compress_transit = true and no_route_timeout = 2 hours and retry_min = 2 seconds"
                + " and retry_max = 1 minute and retry_limit = 7 and ack_wait = 3 seconds and threads = 6"
                + " and archive_days = 30 and new_table_cluster = Auto");
            String d = n.node().dictionary().get("watch_dir");
            String b = n.node().dictionary().get("bkup_dir");
            String cfg = n.ok("get publisher config where format = json");
            assertTrue(cfg.endsWith("\"watch_dir\": \"" + d + "\", \"bkup_dir\": \"" + b + "\", \"err_dir\": \"" + err
                + "\", \"delete_json\": true, \"delete_sql\": true, \"compress_json\": true, \"compress_sql\": true, "
                + "\"archive_json\": true, \"archive_sql\": true, \"move_json\": true, \"company\": \"New Co\", "
                + "\"master_node\": \"10.0.0.2:32048\", \"dbms_name\": \"file_name[1]\", \"table_name\": "
                + "\"file_name[-2]\", \"compress_transit\": true, \"no_route_timeout\": \"7200 seconds\", \"retry_min\": "
                + "\"2 seconds\", \"retry_max\": \"60 seconds\", \"retry_limit\": 7, \"ack_wait\": \"3 seconds\", "
                + "\"threads\": 6, \"archive_days\": 30, \"new_table_cluster\": \"auto\"}"), cfg);
            String table = n.ok("get publisher config");
            assertTrue(table.startsWith("\r\n\nStats: PUBLISHER CONFIG\r\nOption            Value"), table);
            assertTrue(table.matches("(?s).*\r\nthreads          \\| +6\\|\r\n.*"), "numbers are right-justified");
            assertEquals("10.0.0.2:32048", Beans.get(n.node(), PublisherService.class).masterNode());
        }
    }

    @Test
    void theStreamerLinkGuardsWriteImmediateAndStartsTheStreamer() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            tcpServer(n);
            n.ok("connect dbms almgm where type = sqlite");
            boolean[] state = {true, false};
            Beans.bind(n.node(), StreamerLink.class, new StreamerLink() {
                public boolean writeImmediateSet() {
                    return state[0];
                }

                public boolean streamerRunning() {
                    return state[1];
                }

                public void startStreamer() {
                    state[1] = true;
                }
            });
            CommandResult refused = n.exec("run publisher");
            assertEquals(235, refused.code());
            assertEquals("Publisher service can't be enabled if 'run_immediate' flag is set to True",
                refused.detail());
            state[0] = false;
            n.ok("run publisher");
            assertTrue(state[1], "CONFIG.md §6.4 rule 5: the streamer is started");
        }
    }

    @Test
    void requeueBringsErrorFilesBackUnderTheirNames() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            tcpServer(n);
            n.ok("connect dbms almgm where type = sqlite");
            n.ok("run publisher where no_route_timeout = 1 seconds and ack_wait = 0 seconds");
            Path watch = Path.of(n.node().dictionary().get("watch_dir"));
            Path err = Path.of(n.node().dictionary().get("err_dir"));
            String content = "{\"v\": 7}";
            String hash = DataHash.md5("mydb", "t", content.getBytes(StandardCharsets.UTF_8));
            String name = "mydb.t.0." + hash + ".0.json";
            Files.writeString(watch.resolve(name), content);
            Beans.get(n.node(), PublisherService.class).nodeFile(watch.resolve(name), -1);
            assertTrue(Harness.await(() -> Harness.listing(err).size() == 1, Duration.ofSeconds(15)));
            String errName = Harness.listing(err).keySet().iterator().next();
            assertTrue(errName.matches("mydb\\.t\\.0\\." + hash + "\\.0\\.err_73\\.\\d+\\.json"), errName);
            assertEquals(12, code(n, "publisher requeue where file = nothing.err_73.1.json"));
            assertEquals("0", n.ok("publisher requeue where all = true and code = 203"));
            n.ok("set data distribution where dbms = mydb and table = * and dest = " + sink.address());
            assertEquals("1", n.ok("publisher requeue where all = true and code = 73"));
            assertTrue(sink.awaitFile(name, Duration.ofSeconds(15)).isPresent());
            assertTrue(Harness.await(() -> n.ok("get publisher summary where format = json")
                .contains("\"total files\": 1"), Duration.ofSeconds(10)));
        }
    }

    @Test
    void distributionEntriesPersistAcrossRestarts() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            assertEquals("Missing 'dbms' in 'set data distribution'",
                n.exec("set data distribution where table = t and dest = 10.0.0.1:32148").detail());
            assertEquals("'set data distribution' needs 'dest = ip:port' or 'remove = true'",
                n.exec("set data distribution where dbms = a and table = t").detail());
            assertEquals(2, code(n, "set data distribution where dbms = * and table = t and dest = 10.0.0.1:32148"));
            assertEquals(2, code(n, "set data distribution where dbms = a and table = t and dest = 10.0.0.1"));
            n.ok("set data distribution where dbms = * and table = * and dest = 10.0.0.9:32148");
            n.ok("set data distribution where dbms = Lit and table = * and dest = 10.0.0.14:32148");
            n.ok("set data distribution where dbms = lit and table = ping and dest = 10.0.0.11:32148 and dest = "
                + "10.0.0.12:32148");
            n.ok("set data distribution where dbms = lit and table = gone and dest = 10.0.0.13:32148");
            n.ok("set data distribution where dbms = lit and table = gone and remove = true");
            n.ok("set data distribution where dbms = lit and table = never and remove = true");
        }
        try (TestNode n = TestNode.start(home, Map.of(), SCRIPT)) {
            assertEquals("\r\nData Distribution"
                + "\r\nDBMS Table Destination     Files Errors Last Sent "
                + "\r\n----|-----|---------------|-----|------|---------|"
                + "\r\nlit |ping |10.0.0.11:32148|    0|     0|         |"
                + "\r\nlit |ping |10.0.0.12:32148|    0|     0|         |"
                + "\r\nlit |*    |10.0.0.14:32148|    0|     0|         |"
                + "\r\n*   |*    |10.0.0.9:32148 |    0|     0|         |\r\n", n.ok("get publisher distribution"));
        }
    }
}
